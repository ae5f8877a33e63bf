package dev.slimnas.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {
  @TempDir Path tmp;

  @Nested
  class CifarBinaryBatches {
    private byte[] batch(int n, int firstLabel) {
      byte[] b = new byte[n * CifarBinary.RECORD];
      for (int i = 0; i < n; i++) {
        b[i * CifarBinary.RECORD] = (byte) ((firstLabel + i) % 10);
        for (int k = 1; k < CifarBinary.RECORD; k++) {
          b[i * CifarBinary.RECORD + k] = (byte) (i + k);
        }
      }
      return b;
    }

    @Test
    void readsLabelsAndChwPixels() throws IOException {
      Files.write(tmp.resolve("data_batch_1.bin"), batch(3, 0));
      Files.write(tmp.resolve("data_batch_2.bin"), batch(2, 5));
      Files.write(tmp.resolve("test_batch.bin"), batch(4, 9));
      ImageSplits s = CifarBinary.readDirectory(tmp);
      ImageDataset train = s.split("train");
      assertArrayEquals(new int[] {0, 1, 2, 5, 6}, train.labels());
      // image 1 of batch 1: byte k (1-based) = i + k; red plane first, row-major
      assertEquals((1 + 1) & 0xFF, train.pixel(1, 0, 0, 0));
      assertEquals((1 + 1 + 1024 + 32 * 2 + 3) & 0xFF, train.pixel(1, 1, 2, 3));
      assertArrayEquals(new int[] {9, 0, 1, 2}, s.split("test").labels());
      assertEquals(Cifar10.CLASSES, train.classes());
    }

    @Test
    void refusesBadLengthAndBadLabel() throws IOException {
      Path f = Files.write(tmp.resolve("b.bin"), Arrays.copyOf(batch(2, 0), 3000));
      var e = assertThrows(DataFileException.class, () -> CifarBinary.read(List.of(f), Cifar10.CLASSES, "x"));
      assertEquals("CIFAR batch " + f + " has 3000 bytes, not a positive multiple of the record size 3073", e.getMessage());
      byte[] bad = batch(2, 0);
      bad[CifarBinary.RECORD] = 12;
      Path g = Files.write(tmp.resolve("c.bin"), bad);
      var e2 = assertThrows(DataFileException.class, () -> CifarBinary.read(List.of(g), Cifar10.CLASSES, "x"));
      assertEquals("CIFAR batch " + g + ": record 1 has label 12, but there are 10 classes", e2.getMessage());
    }
  }

  @Nested
  class Idx {
    private Path idx(String name, boolean gzip, int[] dims, byte[] data) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(0x0800 | dims.length);
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(data);
      Path p = tmp.resolve(name);
      try (OutputStream os = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
        os.write(bytes.toByteArray());
      }
      return p;
    }

    private byte[] ramp(int n) {
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) i;
      }
      return b;
    }

    @Test
    void readsFashionMnistLayoutPlainAndGzipped() throws IOException {
      idx("train-images-idx3-ubyte.gz", true, new int[] {3, 4, 5}, ramp(60));
      idx("train-labels-idx1-ubyte.gz", true, new int[] {3}, new byte[] {9, 0, 4});
      idx("t10k-images-idx3-ubyte", false, new int[] {2, 4, 5}, ramp(40));
      idx("t10k-labels-idx1-ubyte", false, new int[] {2}, new byte[] {1, 2});
      assertTrue(FashionMnist.isPresent(tmp));
      ImageSplits s = FashionMnist.load(tmp);
      ImageDataset train = s.split("train");
      assertEquals(1, train.channels());
      assertEquals(4, train.height());
      assertEquals(5, train.width());
      assertArrayEquals(new int[] {9, 0, 4}, train.labels());
      assertEquals(2 * 20 + 3 * 5 + 2, train.pixel(2, 0, 3, 2));
      assertEquals("Ankle boot", train.classes().get(9));
      assertArrayEquals(new int[] {1, 2}, s.split("test").labels());
    }

    @Test
    void refusesWrongMagicTruncationAndMismatchedCounts() throws IOException {
      Path labels = idx("l", false, new int[] {3}, new byte[] {1, 2, 3});
      var e = assertThrows(DataFileException.class, () -> IdxFiles.read(labels, 3));
      assertEquals("IDX file " + labels + " has rank 1, expected 3", e.getMessage());
      Path cut = idx("cut.gz", true, new int[] {3, 4, 5}, ramp(50));
      var e2 = assertThrows(DataFileException.class, () -> IdxFiles.read(cut, 3));
      assertTrue(e2.getMessage().startsWith("IDX file " + cut + " is truncated"), e2.getMessage());
      Path images = idx("i", false, new int[] {2, 1, 1}, ramp(2));
      var e3 = assertThrows(DataFileException.class, () -> IdxFiles.dataset(images, labels, FashionMnist.CLASSES));
      assertEquals("IDX files " + images + " and " + labels + " disagree: 2 images, 3 labels", e3.getMessage());
      Path notIdx = Files.write(tmp.resolve("x"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
      var e4 = assertThrows(DataFileException.class, () -> IdxFiles.read(notIdx, 1));
      assertEquals("IDX file " + notIdx + " has magic 0x1020304, expected 0x00000801 (unsigned bytes)", e4.getMessage());
    }
  }

  @Nested
  class Cifar10Archive {
    @Test
    void wrongChecksumNamesFileExpectedAndActual() throws IOException {
      Path archive = tmp.resolve(Cifar10.ARCHIVE);
      Files.createDirectories(archive.getParent());
      Files.writeString(archive, "not cifar");
      var e = assertThrows(DataFileException.class, () -> Cifar10.load(tmp, ProgressListener.NONE));
      assertEquals("CIFAR-10 archive " + archive + " has md5 " + dev.slimnas.space.io.Checksums.md5(archive) + ", expected "
          + Cifar10.MD5 + " (damaged or replaced file)", e.getMessage());
    }

    @Test
    void missingArchiveIsNamed() {
      var e = assertThrows(DataFileException.class, () -> Cifar10.load(tmp, ProgressListener.NONE));
      assertTrue(e.getMessage().startsWith("CIFAR-10 archive " + tmp.resolve(Cifar10.ARCHIVE) + " is missing"), e.getMessage());
    }
  }

  @Nested
  class Locator {
    @Test
    void propertyThenEnvironmentThenRepositoryFolder() throws IOException {
      Path repo = Files.createDirectories(tmp.resolve("repo"));
      Files.writeString(repo.resolve("pom.xml"), "<project/>");
      Path data = Files.createDirectories(repo.resolve("data"));
      Path module = Files.createDirectories(repo.resolve("supernet/src"));
      Files.writeString(repo.resolve("supernet/pom.xml"), "<project/>");
      assertEquals(data, DataLocator.locate(null, null, module));
      assertEquals(data, DataLocator.locate(null, "", repo));
      Path other = Files.createDirectories(tmp.resolve("other"));
      assertEquals(other, DataLocator.locate(null, other.toString(), module));
      assertEquals(data, DataLocator.locate(data.toString(), other.toString(), module));
      var e = assertThrows(DataFileException.class, () -> DataLocator.locate(tmp.resolve("nope").toString(), null, module));
      assertEquals("system property slimnas.data names " + tmp.resolve("nope") + ", which is not a directory", e.getMessage());
    }

    @Test
    void findsTheRealRepositoryDataFolderFromThisModule() {
      assertTrue(Files.isDirectory(DataLocator.dataDir().resolve("cifar10")));
    }
  }
}
