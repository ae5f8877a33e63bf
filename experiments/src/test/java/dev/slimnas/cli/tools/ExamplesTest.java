package dev.slimnas.cli.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.cli.Cli;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.SearchSpace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checked-in {@code examples/} equal what the code produces now and read back through {@link SpecFiles}. */
class ExamplesTest {
  /** The repository root: the nearest folder above the working directory that holds {@code examples/}. */
  static Path repo() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("examples")) && Files.exists(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new AssertionError("no examples/ folder above " + Path.of("").toAbsolutePath());
  }

  @Test
  void checkedInFilesEqualTheCodesOutput() throws IOException {
    Path root = repo();
    for (Map.Entry<String, String> e : WriteExamples.files().entrySet()) {
      Path f = root.resolve(e.getKey());
      assertTrue(Files.exists(f), f + " is missing; run ./slimnas write-examples");
      assertEquals(e.getValue(), Files.readString(f, StandardCharsets.UTF_8),
          f + " differs from the code's output; run ./slimnas write-examples");
    }
    assertEquals(List.of(), WriteExamples.differences(root));
  }

  @Test
  void everyExampleReadsBack() throws IOException {
    Path root = repo();
    int n = 0;
    try (Stream<Path> arch = Files.list(root.resolve("examples/arch"))) {
      for (Path f : arch.filter(p -> p.toString().endsWith(".json")).toList()) {
        assertEquals(f.getFileName().toString(), SpecFiles.readArch(f).name() + ".json");
        n++;
      }
    }
    try (Stream<Path> spaces = Files.list(root.resolve("examples/space"))) {
      for (Path f : spaces.filter(p -> p.toString().endsWith(".json")).toList()) {
        SearchSpace s = SpecFiles.readSpace(f);
        assertEquals(f.getFileName().toString(), s.name() + ".json");
        n++;
      }
    }
    assertTrue(n >= 8, "expected at least 8 example files, found " + n);
  }

  @Test
  void referenceExampleBelongsToItsSpace() {
    Path root = repo();
    SearchSpace spnas = SpecFiles.readSpace(root.resolve("examples/space/spnas-224.json"));
    assertTrue(spnas.contains(SpecFiles.readArch(root.resolve("examples/arch/spnas-final-224.json"))));
  }

  private static java.util.Set<java.nio.file.attribute.PosixFilePermission> posixPermissions(Path f) {
    try {
      return Files.getPosixFilePermissions(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void writeThenCheckRoundTrips(@TempDir Path dir) {
    assertEquals(2, Cli.run("write-examples", "--check", "--root", dir.toString()).exit());
    assertEquals(0, Cli.run("write-examples", "--root", dir.toString()).exit());
    Cli.Result check = Cli.run("write-examples", "--check", "--root", dir.toString());
    assertEquals(0, check.exit(), check::toString);
    assertFalse(WriteExamples.files().isEmpty());
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Path f = dir.resolve(WriteExamples.files().keySet().iterator().next());
      assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(posixPermissions(f)));
    }
  }
}
