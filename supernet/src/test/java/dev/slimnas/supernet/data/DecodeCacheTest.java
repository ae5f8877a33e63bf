package dev.slimnas.supernet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.io.Provenance;
import dev.slimnas.supernet.data.TestImages.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCacheTest {
  @TempDir Path tmp;

  private final AtomicInteger decodes = new AtomicInteger();

  private ImageFolderReader countingReader() {
    return ImageFolderReader.builder().listener((task, done, total) -> {
      if (task.equals("decode") && done == total) {
        decodes.incrementAndGet();
      }
    }).build();
  }

  @Test
  void secondReadComesFromTheCacheWithIdenticalImages() {
    Path archive = TestImages.tar(tmp.resolve("a.tar.gz"), true, TestImages.smallTree());
    Path cache = tmp.resolve("a.u8");
    ImageSplits first = countingReader().readCached(archive, cache);
    ImageSplits second = countingReader().readCached(archive, cache);
    assertEquals(1, decodes.get());
    assertTrue(first.split("train").sameImages(second.split("train")));
    assertTrue(first.split("test").sameImages(second.split("test")));
    assertEquals(first.checksum(), second.checksum());
    assertTrue(first.checksum().startsWith("sha256:"));
    assertTrue(Provenance.existsFor(cache));
  }

  @Test
  void changedSourceChecksumRebuildsTheCache() {
    Path archive = TestImages.tar(tmp.resolve("a.tar.gz"), true, TestImages.smallTree());
    Path cache = tmp.resolve("a.u8");
    countingReader().readCached(archive, cache);
    List<Entry> more = new ArrayList<>(TestImages.smallTree());
    more.add(Entry.file("train/cat/9.png", TestImages.png(6, 5, 77)));
    TestImages.tar(archive, true, more);
    ImageSplits rebuilt = countingReader().readCached(archive, cache);
    assertEquals(2, decodes.get());
    assertEquals(7, rebuilt.split("train").size());
    assertEquals(7, countingReader().readCached(archive, cache).split("train").size());
    assertEquals(2, decodes.get());
  }

  @Test
  void damagedCacheIsIgnoredAndRebuilt() throws Exception {
    Path archive = TestImages.tar(tmp.resolve("a.tar.gz"), true, TestImages.smallTree());
    Path cache = tmp.resolve("a.u8");
    ImageSplits good = countingReader().readCached(archive, cache);
    byte[] bytes = Files.readAllBytes(cache);
    bytes[bytes.length - 20] ^= 0x55; // a pixel byte: only the CRC can notice
    Files.write(cache, bytes);
    String checksum = good.checksum();
    assertTrue(DecodeCache.readIfValid(cache, checksum, ProgressListener.NONE).isEmpty());
    Files.write(cache, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertTrue(DecodeCache.readIfValid(cache, checksum, ProgressListener.NONE).isEmpty());
    ImageSplits again = countingReader().readCached(archive, cache);
    assertEquals(2, decodes.get());
    assertTrue(good.split("train").sameImages(again.split("train")));
    assertTrue(DecodeCache.readIfValid(cache, checksum, ProgressListener.NONE).isPresent());
    assertTrue(DecodeCache.readIfValid(cache, "sha256:other", ProgressListener.NONE).isEmpty());
  }

  @Test
  void failedWriteLeavesTheOldCacheAndNoTemporaryFile() throws Exception {
    Path archive = TestImages.tar(tmp.resolve("a.tar.gz"), true, TestImages.smallTree());
    Path cache = tmp.resolve("a.u8");
    ImageSplits good = countingReader().readCached(archive, cache);
    byte[] before = Files.readAllBytes(cache);
    ImageSplits other = new ImageSplits(java.util.Map.of("train", good.split("test")), "other", "sha256:other");
    ProgressListener failing = (task, done, total) -> {
      if (task.equals("write cache")) {
        throw new IllegalStateException("disk full (simulated)");
      }
    };
    assertThrows(IllegalStateException.class, () -> DecodeCache.write(cache, other, failing));
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(cache)));
    try (Stream<Path> files = Files.list(tmp)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }
}
