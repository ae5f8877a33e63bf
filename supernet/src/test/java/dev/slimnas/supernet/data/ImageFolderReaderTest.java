package dev.slimnas.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.supernet.data.TestImages.Entry;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
  @TempDir Path tmp;

  private static ImageFolderReader reader() {
    return ImageFolderReader.builder().threads(2).build();
  }

  @Nested
  class Reading {
    @Test
    void readsSplitsClassesAndExactPngPixelsFromTarGz() {
      Path archive = TestImages.tar(tmp.resolve("tree.tar.gz"), true, TestImages.smallTree());
      ImageSplits s = reader().read(archive);
      assertEquals(List.of("test", "train"), List.copyOf(s.splits().keySet()));
      ImageDataset train = s.split("train");
      assertEquals(List.of("cat", "dog"), train.classes());
      assertEquals(6, train.size());
      assertEquals(5, train.height());
      assertEquals(6, train.width());
      assertEquals(3, train.channels());
      assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, train.labels());
      // train/cat/0.png was written with seed 4 (dog entries came first in smallTree)
      for (int y = 0; y < 5; y++) {
        for (int x = 0; x < 6; x++) {
          assertEquals(TestImages.red(4, x), train.pixel(0, 0, y, x));
          assertEquals(TestImages.green(4, y), train.pixel(0, 1, y, x));
          assertEquals(TestImages.blue(4), train.pixel(0, 2, y, x));
        }
      }
      assertArrayEquals(new int[] {1, 1}, s.split("test").classCounts());
    }

    @Test
    void folderAndArchiveAndShuffledArchiveGiveTheSameImages() {
      List<Entry> entries = TestImages.smallTree();
      ImageSplits fromTar = reader().read(TestImages.tar(tmp.resolve("a.tar"), false, entries));
      List<Entry> shuffled = new ArrayList<>(entries);
      Collections.reverse(shuffled);
      ImageSplits fromShuffled = reader().read(TestImages.tar(tmp.resolve("b.tar.gz"), true, shuffled));
      ImageSplits fromDir = reader().read(TestImages.folder(tmp.resolve("dir"), entries));
      for (String split : List.of("train", "test")) {
        assertTrue(fromTar.split(split).sameImages(fromShuffled.split(split)));
        assertTrue(fromTar.split(split).sameImages(fromDir.split(split)));
      }
    }

    @Test
    void jpegDecodesToTheWrittenSizeAndApproximatePixels() {
      Path archive = TestImages.tar(tmp.resolve("j.tar.gz"), true, List.of(Entry.file("train/a/0.jpg", TestImages.jpeg(16, 16, 50))));
      ImageDataset d = reader().read(archive).split("train");
      assertEquals(16, d.height());
      assertEquals(TestImages.blue(50), d.pixel(0, 2, 8, 8), 12.0);
    }

    @Test
    void givenClassListFixesLabelsEvenForAbsentClasses() {
      Path archive = TestImages.tar(tmp.resolve("t.tar.gz"), true, TestImages.smallTree());
      ImageDataset train = ImageFolderReader.builder().classes(List.of("dog", "bird", "cat")).build().read(archive).split("train");
      assertEquals(List.of("dog", "bird", "cat"), train.classes());
      assertArrayEquals(new int[] {3, 0, 3}, train.classCounts());
    }

    @Test
    void greyImagesAreReplicatedToRgbOrReadAsOneChannel() {
      BufferedImage grey = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
      grey.getRaster().setSample(2, 1, 0, 200);
      Path archive = TestImages.tar(tmp.resolve("g.tar"), false, List.of(Entry.file("train/a/0.png", TestImages.encode(grey, "png"))));
      ImageDataset rgb = reader().read(archive).split("train");
      assertEquals(200, rgb.pixel(0, 0, 1, 2));
      assertEquals(200, rgb.pixel(0, 2, 1, 2));
      ImageDataset one = ImageFolderReader.builder().channels(1).build().read(archive).split("train");
      assertEquals(1, one.channels());
      assertEquals(200, one.pixel(0, 0, 1, 2));
      assertEquals(0, one.pixel(0, 0, 0, 0));
    }

    @Test
    void ignoresTopLevelAndHiddenFilesAndReportsProgress() {
      List<Entry> entries = new ArrayList<>(TestImages.smallTree());
      entries.add(Entry.file("README.txt", "hello".getBytes()));
      entries.add(Entry.file("train/cat/.DS_Store", new byte[] {1, 2}));
      AtomicLong lastDecode = new AtomicLong();
      ImageSplits s = ImageFolderReader.builder().listener((task, done, total) -> {
        if (task.equals("decode")) {
          lastDecode.set(done * 1000 + total);
        }
      }).build().read(TestImages.tar(tmp.resolve("r.tar.gz"), true, entries));
      assertEquals(6, s.split("train").size());
      assertEquals(8 * 1000 + 8, lastDecode.get());
    }
  }

  @Nested
  class Errors {
    @Test
    void unknownClassFolderNamesArchiveAndEntry() {
      Path archive = TestImages.tar(tmp.resolve("u.tar.gz"), true, TestImages.smallTree());
      var e = assertThrows(DataFileException.class, () -> ImageFolderReader.builder().classes(List.of("cat")).build().read(archive));
      assertEquals("archive " + archive + ": entry 'train/dog/0.png' is in unknown class folder 'dog' (known classes: cat)", e.getMessage());
    }

    @Test
    void undecodableImageNamesArchiveAndEntry() {
      List<Entry> entries = new ArrayList<>(TestImages.smallTree());
      entries.add(Entry.file("train/cat/9.png", "not an image".getBytes()));
      Path archive = TestImages.tar(tmp.resolve("bad.tar.gz"), true, entries);
      var e = assertThrows(DataFileException.class, () -> reader().read(archive));
      assertEquals("archive " + archive + ": image 'train/cat/9.png' is not a readable JPEG or PNG image", e.getMessage());
    }

    @Test
    void truncatedImageDataIsAnErrorNamingTheEntry() {
      byte[] jpg = TestImages.jpeg(16, 16, 3);
      byte[] cut = java.util.Arrays.copyOf(jpg, 40);
      Path archive = TestImages.tar(tmp.resolve("cut.tar"), false, List.of(Entry.file("train/a/0.jpg", cut)));
      var e = assertThrows(DataFileException.class, () -> reader().read(archive));
      assertTrue(e.getMessage().startsWith("archive " + archive + ": image 'train/a/0.jpg' "), e.getMessage());
    }

    @Test
    void imagesOfDifferentSizesAreRefused() {
      List<Entry> entries = new ArrayList<>(TestImages.smallTree());
      entries.add(Entry.file("train/dog/7.png", TestImages.png(6, 4, 9)));
      Path archive = TestImages.tar(tmp.resolve("size.tar.gz"), true, entries);
      var e = assertThrows(DataFileException.class, () -> reader().read(archive));
      assertEquals("archive " + archive + ": image 'train/dog/7.png' is 6x4 (WxH), but 'test/cat/0.png' is 6x5; all images must share one size",
          e.getMessage());
    }

    @Test
    void imagesOfAnUnexpectedSizeAreRefused() {
      Path archive = TestImages.tar(tmp.resolve("exp.tar.gz"), true, TestImages.smallTree());
      var e = assertThrows(DataFileException.class, () -> ImageFolderReader.builder().expectedSize(32, 32).build().read(archive));
      assertEquals("archive " + archive + ": image 'test/cat/0.png' is 6x5 (WxH), but the expected size is 32x32; all images must share one size",
          e.getMessage());
    }

    @Test
    void colourImageIsRefusedForOneChannel() {
      Path archive = TestImages.tar(tmp.resolve("c.tar"), false, List.of(Entry.file("train/a/0.png", TestImages.png(3, 3, 1))));
      var e = assertThrows(DataFileException.class, () -> ImageFolderReader.builder().channels(1).build().read(archive));
      assertEquals("archive " + archive + ": image 'train/a/0.png' is a colour image, expected 1 channel(s)", e.getMessage());
    }

    @Test
    void wrongLayoutAndEmptySourcesAreRefused() {
      Path flat = TestImages.tar(tmp.resolve("flat.tar"), false, List.of(Entry.file("train/0.png", TestImages.png(2, 2, 1))));
      var e = assertThrows(DataFileException.class, () -> reader().read(flat));
      assertEquals("archive " + flat + ": entry 'train/0.png' is not <split>/<class>/<image>.jpg|jpeg|png", e.getMessage());
      Path empty = TestImages.tar(tmp.resolve("empty.tar"), false, List.of(Entry.file("README", new byte[0])));
      var e2 = assertThrows(DataFileException.class, () -> reader().read(empty));
      assertEquals("archive " + empty + " contains no images (expected <split>/<class>/<image>.jpg|jpeg|png)", e2.getMessage());
      var e3 = assertThrows(DataFileException.class, () -> reader().read(tmp.resolve("missing.tar.gz")));
      assertTrue(e3.getMessage().startsWith(tmp.resolve("missing.tar.gz") + " does not exist"), e3.getMessage());
    }

    @Test
    void symlinkInAFolderIsRefused() throws Exception {
      Path root = TestImages.folder(tmp.resolve("links"), TestImages.smallTree());
      Files.createSymbolicLink(root.resolve("train/cat/link.png"), root.resolve("train/cat/0.png"));
      var e = assertThrows(DataFileException.class, () -> reader().read(root));
      assertEquals("directory " + root + ": 'train/cat/link.png' is a symbolic link; only regular files and directories are accepted", e.getMessage());
    }
  }
}
