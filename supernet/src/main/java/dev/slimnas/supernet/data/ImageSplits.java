package dev.slimnas.supernet.data;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The named splits (e.g. {@code train}, {@code test}) read from one source, sharing one class list.
 *
 * @param splits datasets by split name (kept sorted by name)
 * @param source the file or folder read
 * @param checksum the source's checksum as {@code algorithm:hex}, or {@code ""} when not computed
 */
public record ImageSplits(Map<String, ImageDataset> splits, String source, String checksum) {

  public ImageSplits {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(checksum, "checksum");
    if (splits.isEmpty()) {
      throw new IllegalArgumentException(source + ": no splits");
    }
    splits = Collections.unmodifiableMap(new TreeMap<>(splits));
    List<String> classes = null;
    for (var e : splits.entrySet()) {
      if (classes == null) {
        classes = e.getValue().classes();
      } else if (!classes.equals(e.getValue().classes())) {
        throw new IllegalArgumentException(source + ": split " + e.getKey() + " has classes " + e.getValue().classes() + ", others " + classes);
      }
    }
  }

  /** The split called {@code name}; fails naming the source and the splits it has. */
  public ImageDataset split(String name) {
    ImageDataset d = splits.get(name);
    if (d == null) {
      throw new DataFileException(source + " has no split '" + name + "' (it has: " + String.join(", ", splits.keySet()) + ")");
    }
    return d;
  }

  /** The class names shared by all splits. */
  public List<String> classes() {
    return splits.values().iterator().next().classes();
  }
}
