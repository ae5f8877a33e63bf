package dev.slimnas.supernet.data;

import dev.slimnas.space.io.Checksums;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads image-folder trees {@code <split>/<class>/<image>.jpg|jpeg|png} from a folder or a
 * {@code .tar}/{@code .tar.gz} archive: how users bring their own data. Classes are the sorted class
 * folder names of all splits, or a given list (then an unknown folder is an error). Images are ordered
 * by split, class and file name, so the result does not depend on archive or directory order. Files
 * at the top level and names starting with '.' are ignored.
 */
public final class ImageFolderReader {
  private final List<String> classes;
  private final int expectedHeight;
  private final int expectedWidth;
  private final int channels;
  private final int threads;
  private final ProgressListener listener;

  private ImageFolderReader(Builder b) {
    this.classes = List.copyOf(b.classes);
    this.expectedHeight = b.expectedHeight;
    this.expectedWidth = b.expectedWidth;
    this.channels = b.channels;
    this.threads = b.threads;
    this.listener = b.listener;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads all splits of a folder or archive (no cache). */
  public ImageSplits read(Path source) {
    return read(source, "");
  }

  /**
   * Reads an archive through a decode cache at {@code cacheFile}, keyed by the archive's sha256: the
   * cache is rebuilt (atomically) when missing, stale or damaged.
   */
  public ImageSplits readCached(Path archive, Path cacheFile) {
    if (!Files.isRegularFile(archive)) {
      throw new DataFileException("archive " + archive + " does not exist or is not a file");
    }
    String checksum = "sha256:" + Checksums.sha256(archive);
    return DecodeCache.loadOrBuild(cacheFile, checksum, () -> read(archive, checksum), listener);
  }

  ImageSplits read(Path source, String checksum) {
    String where;
    List<SafeTar.RawFile> files;
    if (Files.isDirectory(source)) {
      where = "directory " + source;
      files = walk(source, where);
    } else if (Files.isRegularFile(source)) {
      where = "archive " + source;
      files = SafeTar.read(source, listener);
    } else {
      throw new DataFileException(source + " does not exist (expected a folder or a .tar/.tar.gz of <split>/<class>/<image>)");
    }
    return assemble(where, files, checksum);
  }

  private record Item(String split, int label, String name, byte[] data) {}

  private ImageSplits assemble(String where, List<SafeTar.RawFile> files, String checksum) {
    List<String[]> parsed = new ArrayList<>();
    List<SafeTar.RawFile> kept = new ArrayList<>();
    TreeSet<String> found = new TreeSet<>();
    for (SafeTar.RawFile f : files) {
      String[] parts = f.name().split("/");
      if (parts.length == 1 || java.util.Arrays.stream(parts).anyMatch(p -> p.startsWith("."))) {
        continue;
      }
      if (parts.length != 3 || !isImageName(parts[2])) {
        throw new DataFileException(where + ": entry '" + f.name() + "' is not <split>/<class>/<image>.jpg|jpeg|png");
      }
      if (!classes.isEmpty() && !classes.contains(parts[1])) {
        throw new DataFileException(where + ": entry '" + f.name() + "' is in unknown class folder '" + parts[1]
            + "' (known classes: " + String.join(", ", classes) + ")");
      }
      found.add(parts[1]);
      parsed.add(parts);
      kept.add(f);
    }
    if (kept.isEmpty()) {
      throw new DataFileException(where + " contains no images (expected <split>/<class>/<image>.jpg|jpeg|png)");
    }
    List<String> names = classes.isEmpty() ? List.copyOf(found) : classes;
    List<Item> items = new ArrayList<>(kept.size());
    for (int i = 0; i < kept.size(); i++) {
      String[] p = parsed.get(i);
      items.add(new Item(p[0], names.indexOf(p[1]), kept.get(i).name(), kept.get(i).data()));
    }
    items.sort(Comparator.comparing(Item::split).thenComparingInt(Item::label).thenComparing(Item::name));
    ImageDecoder.Decoded[] decoded = ImageDecoder.decodeAll(
        items.stream().map(Item::data).toList(), items.stream().map(Item::name).toList(), where, channels, threads, listener);
    int h = expectedHeight > 0 ? expectedHeight : decoded[0].height();
    int w = expectedWidth > 0 ? expectedWidth : decoded[0].width();
    String reference = expectedHeight > 0 ? "the expected size" : "'" + items.get(0).name() + "'";
    for (int i = 0; i < decoded.length; i++) {
      if (decoded[i].height() != h || decoded[i].width() != w) {
        throw new DataFileException(where + ": image '" + items.get(i).name() + "' is " + decoded[i].width() + "x" + decoded[i].height()
            + " (WxH), but " + reference + " is " + w + "x" + h + "; all images must share one size");
      }
    }
    Map<String, ImageDataset> splits = new LinkedHashMap<>();
    int b = channels * h * w;
    for (int start = 0; start < items.size(); ) {
      String split = items.get(start).split();
      int end = start;
      while (end < items.size() && items.get(end).split().equals(split)) {
        end++;
      }
      byte[] pixels = new byte[(end - start) * b];
      int[] labels = new int[end - start];
      for (int i = start; i < end; i++) {
        System.arraycopy(decoded[i].chw(), 0, pixels, (i - start) * b, b);
        labels[i - start] = items.get(i).label();
      }
      splits.put(split, new ImageDataset(pixels, labels, h, w, channels, names, where + " [" + split + "]"));
      start = end;
    }
    return new ImageSplits(splits, where, checksum);
  }

  static boolean isImageName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
  }

  private static List<SafeTar.RawFile> walk(Path root, String where) {
    List<SafeTar.RawFile> files = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String rel = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
          if (attrs.isSymbolicLink()) {
            throw new DataFileException(where + ": '" + rel + "' is a symbolic link; only regular files and directories are accepted");
          }
          if (!attrs.isRegularFile()) {
            throw new DataFileException(where + ": '" + rel + "' is not a regular file");
          }
          if (ImageFolderReader.isImageName(rel) || !rel.contains("/")) {
            files.add(new SafeTar.RawFile(rel, Files.readAllBytes(file)));
          } else {
            files.add(new SafeTar.RawFile(rel, new byte[0]));
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new DataFileException("cannot read " + where + ": " + e.getMessage(), e);
    }
    return files;
  }

  /** Settings of an {@link ImageFolderReader}. */
  public static final class Builder {
    private List<String> classes = List.of();
    private int expectedHeight;
    private int expectedWidth;
    private int channels = 3;
    private int threads = Runtime.getRuntime().availableProcessors();
    private ProgressListener listener = ProgressListener.NONE;

    private Builder() {}

    /** The class list (label = index); without it the sorted class folder names are used. */
    public Builder classes(List<String> classes) {
      this.classes = List.copyOf(classes);
      return this;
    }

    /** Every image must be {@code height x width}; without it, images must share the first one's size. */
    public Builder expectedSize(int height, int width) {
      if (height <= 0 || width <= 0) {
        throw new IllegalArgumentException("expected size must be positive: " + height + "x" + width);
      }
      this.expectedHeight = height;
      this.expectedWidth = width;
      return this;
    }

    /** 3 (RGB; grey images are replicated) or 1 (grey; colour images are refused). Default 3. */
    public Builder channels(int channels) {
      if (channels != 1 && channels != 3) {
        throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
      }
      this.channels = channels;
      return this;
    }

    /** Decoding threads; default: all cores. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    public Builder listener(ProgressListener listener) {
      this.listener = java.util.Objects.requireNonNull(listener);
      return this;
    }

    public ImageFolderReader build() {
      return new ImageFolderReader(this);
    }
  }
}
