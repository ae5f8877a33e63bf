package dev.slimnas.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.io.Checksums;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Decodes the real vendored CIFAR-10 archive (about 10 s once; then read from the cache). */
@Tag("slow")
class Cifar10SlowTest {

  @Test
  void decodesTheVendoredArchiveAndCachesIt() throws Exception {
    Path dataDir = DataLocator.dataDir();
    Path archive = dataDir.resolve(Cifar10.ARCHIVE);
    assertEquals(Cifar10.MD5, Checksums.md5(archive));
    Path cache = dataDir.resolve(Cifar10.CACHE);
    Files.deleteIfExists(cache);

    long t0 = System.nanoTime();
    ImageSplits decoded = Cifar10.loadSplits(dataDir, ProgressListener.NONE);
    long t1 = System.nanoTime();
    assertTrue(Files.isRegularFile(cache));
    ImageSplits cached = Cifar10.loadSplits(dataDir, ProgressListener.NONE);
    long t2 = System.nanoTime();
    System.out.printf("CIFAR-10: decode + write cache %.1f s, cached load %.2f s, cache %d bytes, %d cores%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, Files.size(cache), Runtime.getRuntime().availableProcessors());

    ImageDataset train = decoded.split("train");
    ImageDataset test = decoded.split("test");
    assertEquals(50_000, train.size());
    assertEquals(10_000, test.size());
    assertEquals(Cifar10.CLASSES, train.classes());
    int[] five = new int[10];
    Arrays.fill(five, 5000);
    int[] one = new int[10];
    Arrays.fill(one, 1000);
    assertArrayEquals(five, train.classCounts());
    assertArrayEquals(one, test.classCounts());
    assertTrue(train.sameImages(cached.split("train")));
    assertTrue(test.sameImages(cached.split("test")));

    DataSplits splits = DataSplits.of(train, test, ValidationSplit.DEFAULT);
    SearchData search = splits.search();
    assertEquals(45_000, search.train().size());
    assertEquals(5_000, search.validation().size());
    int[] fiveHundred = new int[10];
    Arrays.fill(fiveHundred, 500);
    assertArrayEquals(fiveHundred, search.validation().classCounts());
    float[] mean = search.normalization().mean();
    assertEquals(0.49, mean[0], 0.02);
    assertEquals(0.48, mean[1], 0.02);
    assertEquals(0.45, mean[2], 0.02);
    System.out.println("CIFAR-10 search " + search.normalization() + ", final " + splits.finalTraining().normalization());
  }
}
