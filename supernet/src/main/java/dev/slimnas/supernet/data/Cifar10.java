package dev.slimnas.supernet.data;

import dev.slimnas.space.io.Checksums;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The vendored CIFAR-10 copy ({@code data/cifar10/cifar10_jpg_q75.tar.gz}, 60,000 JPEG images; see its
 * PROVENANCE.md): verifies the archive's md5, decodes it once into a cache beside it, checks the counts.
 * Krizhevsky, "Learning Multiple Layers of Features from Tiny Images", 2009.
 */
public final class Cifar10 {
  public static final String ARCHIVE = "cifar10/cifar10_jpg_q75.tar.gz";
  public static final String CACHE = "cifar10/cifar10_jpg_q75.u8";
  public static final String MD5 = "3bb6570eb33e075dad833e496779a56a";
  public static final List<String> CLASSES = List.of(
      "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
  public static final int TRAIN_PER_CLASS = 5000;
  public static final int TEST_PER_CLASS = 1000;
  public static final int SIZE = 32;

  private Cifar10() {}

  /** Train (45,000) / validation (5,000, stratified, seed 0) / test (10,000) from the located data folder. */
  public static DataSplits load() {
    return load(DataLocator.dataDir(), ProgressListener.NONE);
  }

  /** Train / validation / test with the default validation split ({@link ValidationSplit#DEFAULT}). */
  public static DataSplits load(Path dataDir, ProgressListener listener) {
    return load(dataDir, ValidationSplit.DEFAULT, listener);
  }

  /** Train / validation / test with the given validation split of the 50,000 training images. */
  public static DataSplits load(Path dataDir, ValidationSplit split, ProgressListener listener) {
    ImageSplits s = loadSplits(dataDir, listener);
    return DataSplits.of(s.split("train"), s.split("test"), split);
  }

  /** The two original splits {@code train} (50,000) and {@code test} (10,000), md5-verified, cached. */
  public static ImageSplits loadSplits(Path dataDir, ProgressListener listener) {
    Path archive = dataDir.resolve(ARCHIVE);
    if (!Files.isRegularFile(archive)) {
      throw new DataFileException("CIFAR-10 archive " + archive + " is missing (the repository vendors it; see data/cifar10/PROVENANCE.md)");
    }
    String md5 = Checksums.md5(archive);
    if (!md5.equals(MD5)) {
      throw new DataFileException("CIFAR-10 archive " + archive + " has md5 " + md5 + ", expected " + MD5 + " (damaged or replaced file)");
    }
    ImageFolderReader reader = ImageFolderReader.builder().classes(CLASSES).expectedSize(SIZE, SIZE).channels(3).listener(listener).build();
    ImageSplits splits = DecodeCache.loadOrBuild(dataDir.resolve(CACHE), "md5:" + MD5, () -> reader.read(archive, "md5:" + MD5), listener);
    checkCounts(archive, splits, "train", TRAIN_PER_CLASS);
    checkCounts(archive, splits, "test", TEST_PER_CLASS);
    return splits;
  }

  private static void checkCounts(Path archive, ImageSplits splits, String name, int perClass) {
    ImageDataset d = splits.split(name);
    int[] expected = new int[CLASSES.size()];
    Arrays.fill(expected, perClass);
    if (!d.classes().equals(CLASSES) || !Arrays.equals(d.classCounts(), expected) || d.height() != SIZE || d.width() != SIZE || d.channels() != 3) {
      throw new DataFileException("CIFAR-10 archive " + archive + ": split " + name + " has per-class counts "
          + Arrays.toString(d.classCounts()) + " of " + d.channels() + "x" + d.height() + "x" + d.width() + ", expected " + perClass + " each of 3x32x32");
    }
  }
}
