package dev.slimnas.supernet.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads CIFAR-10 binary batches ({@code data_batch_1..5.bin}, {@code test_batch.bin}): records of one
 * label byte followed by 3,072 pixel bytes (1,024 red, 1,024 green, 1,024 blue; rows of 32).
 */
public final class CifarBinary {
  public static final int RECORD = 1 + 3 * 32 * 32;

  private CifarBinary() {}

  /** The images of one or more batch files, concatenated in the given order. */
  public static ImageDataset read(List<Path> batchFiles, List<String> classes, String source) {
    List<byte[]> contents = new ArrayList<>();
    long total = 0;
    for (Path f : batchFiles) {
      byte[] b;
      try {
        b = Files.readAllBytes(f);
      } catch (IOException e) {
        throw new DataFileException("cannot read CIFAR batch " + f + ": " + e.getMessage(), e);
      }
      if (b.length == 0 || b.length % RECORD != 0) {
        throw new DataFileException("CIFAR batch " + f + " has " + b.length + " bytes, not a positive multiple of the record size " + RECORD);
      }
      for (int off = 0; off < b.length; off += RECORD) {
        int label = b[off] & 0xFF;
        if (label >= classes.size()) {
          throw new DataFileException("CIFAR batch " + f + ": record " + off / RECORD + " has label " + label + ", but there are " + classes.size() + " classes");
        }
      }
      contents.add(b);
      total += b.length / RECORD;
    }
    int n = Math.toIntExact(total);
    byte[] pixels = new byte[n * (RECORD - 1)];
    int[] labels = new int[n];
    int i = 0;
    for (byte[] b : contents) {
      for (int off = 0; off < b.length; off += RECORD, i++) {
        labels[i] = b[off] & 0xFF;
        System.arraycopy(b, off + 1, pixels, i * (RECORD - 1), RECORD - 1);
      }
    }
    return new ImageDataset(pixels, labels, 32, 32, 3, classes, source);
  }

  /**
   * The splits {@code train} (data_batch_1..5.bin, those present, at least the first) and {@code test}
   * (test_batch.bin) of a {@code cifar-10-batches-bin} folder; class names from batches.meta.txt if present.
   */
  public static ImageSplits readDirectory(Path dir) {
    List<String> classes = Cifar10.CLASSES;
    Path meta = dir.resolve("batches.meta.txt");
    try {
      if (Files.isRegularFile(meta)) {
        classes = Files.readAllLines(meta, StandardCharsets.UTF_8).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
      }
    } catch (IOException e) {
      throw new DataFileException("cannot read " + meta + ": " + e.getMessage(), e);
    }
    List<Path> train = new ArrayList<>();
    for (int k = 1; k <= 5 && Files.isRegularFile(dir.resolve("data_batch_" + k + ".bin")); k++) {
      train.add(dir.resolve("data_batch_" + k + ".bin"));
    }
    Path test = dir.resolve("test_batch.bin");
    if (train.isEmpty() || !Files.isRegularFile(test)) {
      throw new DataFileException("CIFAR binary folder " + dir + " lacks data_batch_1.bin or test_batch.bin");
    }
    String where = "CIFAR binary folder " + dir;
    return new ImageSplits(Map.of(
        "train", read(train, classes, where + " [train]"),
        "test", read(List.of(test), classes, where + " [test]")), where, "");
  }
}
