package dev.slimnas.space.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesContentAndLeavesNoTemporaryFiles() throws IOException {
    Path f = dir.resolve("sub/a.json");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertEquals("two", Files.readString(f));
    try (var files = Files.list(f.getParent())) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void failedWriteKeepsOldFileAndCleansUp() throws IOException {
    Path f = dir.resolve("b.txt");
    AtomicFiles.writeString(f, "old");
    assertThrows(RuntimeException.class, () -> AtomicFiles.write(f, out -> {
      out.write("partial".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    }));
    assertEquals("old", Files.readString(f));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void fileGetsTheSamePermissionsAsAPlainNewFile() throws IOException {
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    Path atomic = dir.resolve("atomic.txt");
    AtomicFiles.writeString(atomic, "x");
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
    assertEquals(expected, Files.getPosixFilePermissions(atomic));
  }
}
