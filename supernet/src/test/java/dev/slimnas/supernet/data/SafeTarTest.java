package dev.slimnas.supernet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slimnas.supernet.data.TestImages.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeTarTest {
  @TempDir Path tmp;

  private Path archiveWith(Entry extra) {
    List<Entry> entries = new ArrayList<>(TestImages.smallTree());
    entries.add(1, extra);
    return TestImages.tar(tmp.resolve("x.tar.gz"), true, entries);
  }

  private String failure(Path archive) {
    return assertThrows(DataFileException.class, () -> SafeTar.read(archive, ProgressListener.NONE)).getMessage();
  }

  @Test
  void readsRegularFilesAndSkipsDirectories() {
    List<Entry> entries = new ArrayList<>(TestImages.smallTree());
    entries.add(0, Entry.special("train/", '5', null));
    entries.add(Entry.file("./test/cat/./x.png", new byte[] {7}));
    List<SafeTar.RawFile> files = SafeTar.read(TestImages.tar(tmp.resolve("ok.tar.gz"), true, entries), ProgressListener.NONE);
    assertEquals(9, files.size());
    assertEquals("test/cat/x.png", files.get(8).name());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../evil.png", "train/../../evil.png", "train/cat/../../../etc/passwd"})
  void refusesPathTraversal(String name) {
    Path a = archiveWith(Entry.file(name, new byte[] {1}));
    assertEquals("archive " + a + ": entry '" + name + "' escapes the archive root with '..'; refusing it", failure(a));
  }

  @Test
  void refusesAbsolutePath() {
    Path a = archiveWith(Entry.file("/etc/evil.png", new byte[] {1}));
    assertEquals("archive " + a + ": entry '/etc/evil.png' has an absolute path; refusing it", failure(a));
  }

  @Test
  void refusesSymbolicLink() {
    Path a = archiveWith(Entry.special("train/cat/link.png", '2', "/etc/passwd"));
    assertEquals("archive " + a + ": entry 'train/cat/link.png' is a symbolic link to '/etc/passwd'; only regular files and directories are accepted",
        failure(a));
  }

  @Test
  void refusesHardLink() {
    Path a = archiveWith(Entry.special("train/cat/hard.png", '1', "train/dog/0.png"));
    assertEquals("archive " + a + ": entry 'train/cat/hard.png' is a hard link to 'train/dog/0.png'; only regular files and directories are accepted",
        failure(a));
  }

  @Test
  void refusesFifoAndDevices() {
    Path a = archiveWith(Entry.special("train/cat/pipe", '6', null));
    assertEquals("archive " + a + ": entry 'train/cat/pipe' is a FIFO; only regular files and directories are accepted", failure(a));
    Path b = archiveWith(Entry.special("train/cat/dev", '3', null));
    assertEquals("archive " + b + ": entry 'train/cat/dev' is a device; only regular files and directories are accepted", failure(b));
  }

  @Test
  void refusesDuplicateEntries() {
    Path a = archiveWith(Entry.file("train/dog/0.png", new byte[] {1}));
    assertEquals("archive " + a + ": entry 'train/dog/0.png' occurs twice", failure(a));
  }

  @Test
  void detectsTruncatedGzip() throws Exception {
    Path full = TestImages.tar(tmp.resolve("full.tar.gz"), true, TestImages.smallTree());
    byte[] bytes = Files.readAllBytes(full);
    for (int keep : new int[] {bytes.length - 4, bytes.length / 2, 20}) {
      Path cut = Files.write(tmp.resolve("cut" + keep + ".tar.gz"), Arrays.copyOf(bytes, keep));
      String msg = failure(cut);
      assertTrue(msg.startsWith("archive " + cut + ": truncated"), msg);
    }
  }

  @Test
  void detectsTruncatedTarInsideAnEntryAndAtAnEntryBoundary() throws Exception {
    List<Entry> entries = List.of(Entry.file("train/a/0.png", new byte[700]), Entry.file("train/a/1.png", new byte[100]));
    byte[] bytes = Files.readAllBytes(TestImages.tar(tmp.resolve("full.tar"), false, entries));
    Path mid = Files.write(tmp.resolve("mid.tar"), Arrays.copyOf(bytes, 512 + 600));
    String m1 = failure(mid);
    assertTrue(m1.startsWith("archive " + mid + ": truncated") && m1.contains("train/a/0.png"), m1);
    Path boundary = Files.write(tmp.resolve("boundary.tar"), Arrays.copyOf(bytes, 512 + 1024 + 512 + 512));
    assertEquals("archive " + boundary + ": truncated archive: no end-of-archive marker after entry 'train/a/1.png'", failure(boundary));
  }

  @Test
  void reportsCorruptHeaders() throws Exception {
    byte[] bytes = Files.readAllBytes(TestImages.tar(tmp.resolve("ok.tar"), false, TestImages.smallTree()));
    Arrays.fill(bytes, 20, 60, (byte) 'z');
    Path bad = Files.write(tmp.resolve("bad.tar"), bytes);
    String msg = failure(bad);
    assertEquals("archive " + bad + ": corrupt archive: bad header checksum after entry '(none)'", msg);
  }

  @Test
  void readsLongNamesWrittenByGnuTar() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")), "GNU tar not installed");
    String longDir = "train/" + "c".repeat(120);
    Path root = TestImages.folder(tmp.resolve("src"), List.of(Entry.file(longDir + "/0.png", TestImages.png(2, 2, 1))));
    for (String format : List.of("gnu", "posix")) {
      Path out = tmp.resolve(format + ".tar.gz");
      Process p = new ProcessBuilder("/usr/bin/tar", "--format=" + format, "-czf", out.toString(), "-C", root.toString(), "train")
          .redirectErrorStream(true).start();
      assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
      List<SafeTar.RawFile> files = SafeTar.read(out, ProgressListener.NONE);
      assertEquals(1, files.size());
      assertEquals(longDir + "/0.png", files.get(0).name());
      assertEquals(Files.readAllBytes(root.resolve(longDir + "/0.png")).length, files.get(0).data().length);
    }
  }
}
