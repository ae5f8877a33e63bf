package dev.slimnas.space.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpecFilesTest {

  static String golden(String name) throws IOException {
    try (InputStream in = SpecFilesTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Nested
  class GoldenFiles {
    @Test
    void archVersion1ReadsBackToTheReferenceNetwork() throws IOException {
      ArchSpec a = SpecFiles.parseArch(golden("arch-v1-spnas-final-224.json"), "golden");
      assertEquals(ReferenceNetworks.singlePathNasFinal(), a);
    }

    @Test
    void archIsWrittenExactlyAsTheGoldenFile() throws IOException {
      assertEquals(golden("arch-v1-spnas-final-224.json"), SpecFiles.archJson(ReferenceNetworks.singlePathNasFinal()));
    }

    @Test
    void spaceVersion1ReadsBack() throws IOException {
      SearchSpace s = SpecFiles.parseSpace(golden("space-v1-spnas-cifar.json"), "golden");
      assertEquals(SearchSpaces.singlePathNasCifar(), s);
      assertEquals(golden("space-v1-spnas-cifar.json"), SpecFiles.spaceJson(s));
    }
  }

  static java.util.List<String> spaces() {
    return SearchSpaces.names();
  }

  @ParameterizedTest
  @MethodSource("spaces")
  void everyBuiltInSpaceAndItsMaxRoundTrip(String name, @TempDir Path dir) {
    SearchSpace s = SearchSpaces.get(name);
    SpecFiles.writeSpace(dir.resolve("s.json"), s);
    assertEquals(s, SpecFiles.readSpace(dir.resolve("s.json")));
    SpecFiles.writeArch(dir.resolve("a.json"), s.max());
    assertEquals(s.max(), SpecFiles.readArch(dir.resolve("a.json"), s));
  }

  @Test
  void fingerprintIsStableAndSensitive() {
    ArchSpec a = ReferenceNetworks.singlePathNasFinal();
    assertEquals(Json.fingerprint(a), Json.fingerprint(SpecFiles.parseArch(SpecFiles.archJson(a), "x")));
    assertNotEquals(Json.fingerprint(a), Json.fingerprint(a.withClasses(10)));
    assertEquals(16, Json.fingerprint(a).length());
  }

  @Nested
  class Errors {
    private final String good = SpecFiles.archJson(ReferenceNetworks.singlePathNasFinal());

    private String message(String text) {
      return assertThrows(SpecFileException.class, () -> SpecFiles.parseArch(text, "a.json")).getMessage();
    }

    @Test
    void malformedJsonNamesFileLineAndColumn() {
      String m = message("{\n  \"classes\": 10,\n  \"name\" \"x\"\n}");
      assertTrue(m.startsWith("a.json: line 3, column"), m);
      assertEquals(1, m.lines().count());
    }

    @Test
    void unknownFieldIsRejectedWithItsPath() {
      String m = message(good.replace("\"dropout\" : 0.2", "\"dropout\" : 0.2, \"dropuot\" : 0.3"));
      assertTrue(m.contains("at $.head.dropuot: unknown field 'dropuot' (known fields: channels, dropout)"), m);
      assertTrue(m.contains("line 6"), m);
    }

    @Test
    void badOpCodeNamesThePath() {
      String m = message(good.replaceFirst("\"k5e6\"", "\"k5x6\""));
      assertTrue(m.contains("at $.stages[2].blocks[0].op"), m);
      assertTrue(m.contains("op 'k5x6' is not an op code"), m);
    }

    @Test
    void skipWithChangingShapesNamesBlockAndRule() {
      String m = message(good.replaceFirst("\"hidden\" : 144,\n      \"op\" : \"k5e6\"", "\"hidden\" : 0,\n      \"op\" : \"skip\""));
      assertTrue(m.contains("block 5 (stage 2, position 0): skip needs equal input and output shapes"), m);
      assertTrue(m.startsWith("a.json: line"), m);
    }

    @Test
    void fractionalIntegerIsRejectedNotTruncated() {
      String m = message(good.replace("\"classes\" : 1000,", "\"classes\" : 10.5,"));
      assertTrue(m.contains("at $.classes: expected an integer, got 10.5"), m);
      assertTrue(m.startsWith("a.json: line"), m);
      assertEquals(1, m.lines().count());
    }

    @Test
    void missingFieldIsNamed() {
      String m = message(good.replace("\"classes\" : 1000,", ""));
      assertTrue(m.contains("classes"), m);
      assertTrue(m.startsWith("a.json:"), m);
    }

    @Test
    void wrongSchemaAndNewerVersionAreRejected() {
      assertTrue(message(good.replace("slimnas.arch", "slimnas.space")).contains("this is a 'slimnas.space' document, expected 'slimnas.arch'"));
      assertTrue(message(good.replace("\"version\" : 1", "\"version\" : 9")).contains("version 9 of 'slimnas.arch' is not supported"));
    }

    @Test
    void schemaFieldIsAcceptedOnlyAtTheRoot() {
      String m = message(good.replace("\"dropout\" : 0.2", "\"dropout\" : 0.2, \"schema\" : \"x\""));
      assertTrue(m.contains("unknown field 'schema'"), m);
    }

    @Test
    void binaryFileIsNamedAsNotText(@TempDir Path dir) throws IOException {
      Path p = dir.resolve("random.json");
      Files.write(p, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, 17, (byte) 0x80});
      String m = assertThrows(SpecFileException.class, () -> SpecFiles.readArch(p)).getMessage();
      assertEquals(p + ": not UTF-8 text (a JSON document was expected; is this a binary file?)", m);
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
      Path p = dir.resolve("nope.json");
      String m = assertThrows(SpecFileException.class, () -> SpecFiles.readArch(p)).getMessage();
      assertEquals(p + ": file not found", m);
    }

    @Test
    void archOutsideSpaceNamesFileBlockAndRule(@TempDir Path dir) throws IOException {
      Path p = dir.resolve("a.json");
      Files.writeString(p, good);
      String m = assertThrows(SpecFileException.class, () -> SpecFiles.readArch(p, SearchSpaces.singlePathNasCifar())).getMessage();
      assertTrue(m.startsWith(p + ": architecture 'spnas-final-224' is not in space 'spnas-cifar'"), m);
      assertTrue(m.contains("input must be"), m);
    }
  }
}
