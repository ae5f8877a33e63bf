package dev.slimnas.space.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPathsTest {
  @TempDir
  Path dir;

  @Test
  void aFolderThatIsAFileIsNamedAsSuch() throws IOException {
    Path f = Files.writeString(dir.resolve("x"), "x");
    OutputPaths.OutputPathException e = assertThrows(OutputPaths.OutputPathException.class, () -> OutputPaths.checkFolder(f, "--out"));
    assertEquals("--out " + f + " is a file, not a folder", e.getMessage());
  }

  @Test
  void aFolderUnderAFileNamesTheFile() throws IOException {
    Path f = Files.writeString(dir.resolve("x"), "x");
    OutputPaths.OutputPathException e = assertThrows(OutputPaths.OutputPathException.class,
        () -> OutputPaths.createFolder(f.resolve("a/b"), "--out"));
    assertTrue(e.getMessage().contains(f + " is a file, not a folder"), e.getMessage());
    assertTrue(e instanceof BadInput);
  }

  @Test
  void aFileThatIsAFolderIsNamedAsSuch() {
    OutputPaths.OutputPathException e = assertThrows(OutputPaths.OutputPathException.class, () -> OutputPaths.checkFile(dir, "--out"));
    assertEquals("--out " + dir + " is a folder, not a file", e.getMessage());
  }

  @Test
  void createsMissingFoldersAndAcceptsExistingOnes() {
    Path d = dir.resolve("a/b/c");
    assertEquals(d, OutputPaths.createFolder(d, "--out"));
    assertTrue(Files.isDirectory(d));
    OutputPaths.createFolder(d, "--out");
    OutputPaths.checkFile(dir.resolve("new/file.json"), "--out");
  }

  @Test
  void atomicWritesUnderAFileSayWhatIsWrong() throws IOException {
    Path f = Files.writeString(dir.resolve("x"), "x");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeString(f.resolve("a.json"), "{}"));
    assertTrue(e.getMessage().startsWith("cannot write " + f.resolve("a.json") + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("not a folder") || e.getMessage().contains("not a directory"), e.getMessage());
  }
}
