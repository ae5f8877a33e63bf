package dev.slimnas.optimizers.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.json.SpecFileException;
import dev.slimnas.space.search.ArchEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontFilesTest {
  static final List<Candidate> FRONT = List.of(
      Candidate.of(ArchEncoding.of(new int[] {0, 2}, new double[] {0.5, 1.0}), 0.12, 4.5),
      Candidate.of(ArchEncoding.of(new int[] {1, 3}, new double[] {1.0, 0.75}), 0.08, 7.25));

  @Test
  void jsonRoundTripsWithSchemaAndVersion(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("front.json");
    FrontFiles.writeJson(f, FrontDocument.of("toy", List.of("error", "latency"), FRONT));
    String text = Files.readString(f);
    assertTrue(text.contains("\"schema\" : \"slimnas.pareto-front\""), text);
    assertTrue(text.contains("\"version\" : 1"), text);
    FrontDocument back = FrontFiles.readJson(f);
    assertEquals(FRONT, back.candidates());
    assertEquals(List.of("error", "latency"), back.objectives());
    assertEquals("toy", back.space());
  }

  @Test
  void readingAnotherSchemaFailsNamingTheFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("other.json");
    Files.writeString(f, "{\"schema\": \"slimnas.other\", \"version\": 1}");
    SpecFileException e = assertThrows(SpecFileException.class, () -> FrontFiles.readJson(f));
    assertTrue(e.getMessage().contains("other.json"), e.getMessage());
  }

  @Test
  void csvHasObjectiveColumnsThenOpsAndWidths(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("front.csv");
    FrontFiles.writeCsv(f, FrontDocument.of("toy", List.of("error", "latency"), FRONT));
    assertEquals(List.of("error,latency,ops,widths", "0.12,4.5,0 2,0.5 1.0", "0.08,7.25,1 3,1.0 0.75"),
        Files.readAllLines(f));
  }

  @Test
  void documentRejectsPointsWithTheWrongNumberOfValues() {
    assertThrows(IllegalArgumentException.class, () -> FrontDocument.of("toy", List.of("error"), FRONT));
  }
}
