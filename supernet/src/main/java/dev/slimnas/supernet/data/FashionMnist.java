package dev.slimnas.supernet.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017; MIT licence): 60,000 + 10,000 greyscale 28x28 images in
 * IDX files, as installed by Debian's {@code dataset-fashion-mnist} under {@link #DEBIAN_DIR}. Optional:
 * nothing requires the package.
 */
public final class FashionMnist {
  public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  public static final List<String> CLASSES = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private FashionMnist() {}

  /** True if the four files are present in {@code dir}. */
  public static boolean isPresent(Path dir) {
    return find(dir, "train-images-idx3-ubyte") != null && find(dir, "train-labels-idx1-ubyte") != null
        && find(dir, "t10k-images-idx3-ubyte") != null && find(dir, "t10k-labels-idx1-ubyte") != null;
  }

  /** The splits {@code train} and {@code test} from {@code dir} (files with or without {@code .gz}). */
  public static ImageSplits load(Path dir) {
    String where = "Fashion-MNIST folder " + dir;
    return new ImageSplits(Map.of(
        "train", IdxFiles.dataset(require(dir, "train-images-idx3-ubyte"), require(dir, "train-labels-idx1-ubyte"), CLASSES),
        "test", IdxFiles.dataset(require(dir, "t10k-images-idx3-ubyte"), require(dir, "t10k-labels-idx1-ubyte"), CLASSES)), where, "");
  }

  private static Path require(Path dir, String base) {
    Path p = find(dir, base);
    if (p == null) {
      throw new DataFileException("Fashion-MNIST folder " + dir + " lacks " + base + "[.gz] (Debian: apt-get install dataset-fashion-mnist)");
    }
    return p;
  }

  private static Path find(Path dir, String base) {
    for (String name : List.of(base + ".gz", base)) {
      if (Files.isRegularFile(dir.resolve(name))) {
        return dir.resolve(name);
      }
    }
    return null;
  }
}
