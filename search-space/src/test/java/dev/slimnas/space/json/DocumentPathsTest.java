package dev.slimnas.space.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentPathsTest {
  @TempDir Path dir;

  private String refusal(String value) {
    Path doc = dir.resolve("bundle/manifest.json");
    String m = assertThrows(SpecFileException.class,
        () -> DocumentPaths.inside(dir.resolve("bundle"), value, doc, "$.weights")).getMessage();
    assertTrue(m.startsWith(doc + ": at $.weights: "), m);
    assertEquals(1, m.lines().count(), m);
    return m;
  }

  @Test
  void acceptsAFileInsideTheFolderAndInSubfolders() throws IOException {
    Files.createDirectories(dir.resolve("bundle/sub"));
    Path doc = dir.resolve("bundle/manifest.json");
    assertEquals(dir.resolve("bundle/weights.zip").toAbsolutePath().normalize(),
        DocumentPaths.inside(dir.resolve("bundle"), "weights.zip", doc, "$.weights"));
    assertEquals(dir.resolve("bundle/sub/w.zip").toAbsolutePath().normalize(),
        DocumentPaths.inside(dir.resolve("bundle"), "sub/../sub/w.zip", doc, "$.weights"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../other/weights.zip", "sub/../../x.zip", "..", "."})
  void refusesPathsThatLeaveTheFolder(String value) {
    assertTrue(refusal(value).contains("leaves the document's folder"));
  }

  @Test
  void refusesAbsolutePaths() {
    assertTrue(refusal("/etc/hostname").contains("is an absolute path"));
  }

  @Test
  void refusesBlankNames() {
    assertTrue(refusal(" ").contains("a file name is required"));
  }

  @Test
  void refusesALinkPointingOutside() throws IOException {
    Files.createDirectories(dir.resolve("bundle"));
    Path outside = Files.writeString(dir.resolve("secret.txt"), "x");
    Files.createSymbolicLink(dir.resolve("bundle/weights.zip"), outside);
    assertTrue(refusal("weights.zip").contains("is a link to"));
  }
}
