package dev.slimnas.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.space.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worker lines in, bench-train.json out. */
class BenchResultsTest {
  static final String TORCH_LINE = "{\"images_per_s\": 216.5, \"params\": 700490, \"peak_rss_mb\": 612.3, "
      + "\"torch\": \"1.13.0a0\", \"threads\": 2, \"mode\": \"train\"}";

  @Nested
  class WorkerLines {
    @Test
    void readsTheThreeRequiredFieldsAndKeepsTheRestAsFacts() {
      SideResult r = SideResult.parse(SideResult.PYTORCH, TORCH_LINE);
      assertEquals(216.5, r.imagesPerS());
      assertEquals(700490, r.params());
      assertEquals(612.3, r.peakRssMb());
      assertEquals("1.13.0a0", r.fact("torch", "?"));
      assertEquals(2, r.facts().get("threads"));
      assertTrue(!r.facts().containsKey("images_per_s"));
    }

    @Test
    void keepsTheProfileOutOfTheFacts() {
      String line = "{\"images_per_s\": 1, \"params\": 2, \"peak_rss_mb\": 3, \"profile\": {\"steps\": 1}}";
      assertTrue(!SideResult.parse(SideResult.DL4J, line).facts().containsKey("profile"));
    }

    @Test
    void aMissingFieldIsAnErrorNamingSideAndField() {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> SideResult.parse(SideResult.PYTORCH, "{\"params\": 1, \"peak_rss_mb\": 2}"));
      assertTrue(e.getMessage().contains("pytorch") && e.getMessage().contains("images_per_s"), e.getMessage());
    }

    @Test
    void malformedJsonIsAnError() {
      assertThrows(IllegalStateException.class, () -> SideResult.parse(SideResult.DL4J, "{images"));
    }

    @Test
    void aLineWithoutProfileHasNone() {
      assertNull(StepProfile.fromWorkerLine(TORCH_LINE));
    }
  }

  @Nested
  class Document {
    BenchReport report() {
      List<RoundResult> rounds = List.of(BenchStatsTest.round(1, 60, 200), BenchStatsTest.round(2, 70, 210),
          BenchStatsTest.round(3, 65, 190));
      StepProfile profile = new StepProfile(2, 900, Map.of("forward", 300.0, "backward", 550.0, "updater", 50.0,
          "other", 0.5), List.of(new StepProfile.CategoryTime("conv 1x1", 34, 100, 300)),
          List.of(new StepProfile.VertexTime("b1.dw.conv", "depthwise conv 3x3", 10, 20)), "test");
      Map<String, Object> machine = new LinkedHashMap<>(Map.of("cpu", "Test CPU", "cores", 2));
      return new BenchReport(new BenchReport.Settings("net", "--ref net", "abc", "train", 64, 3, 20, 3, 2, 0, "python3"),
          machine, rounds, BenchStats.summarize(rounds), null, profile, null, List.of("a note"));
    }

    @Test
    void isAVersionedDocumentWithRoundsSummaryAndProfile(@TempDir Path dir) throws Exception {
      Path file = dir.resolve(BenchReport.FILE_NAME);
      report().write(file);
      JsonNode n = Json.mapper().readTree(Files.readString(file));
      assertEquals(BenchReport.SCHEMA, n.get("schema").asText());
      assertEquals(1, n.get("version").asInt());
      assertEquals(3, n.get("rounds").size());
      assertEquals("pytorch", n.get("rounds").get(1).get("order").get(0).asText());
      assertEquals(70.0 / 210, n.get("summary").get("medianRatio").asDouble(), 1e-12);
      assertEquals(65, n.get("summary").get("dl4j").get("medianImagesPerS").asDouble(), 1e-12);
      assertEquals("1.13.0", n.get("rounds").get(0).get("pytorch").get("facts").get("torch").asText());
      assertEquals(34, n.get("dl4jProfile").get("categories").get(0).get("vertices").asInt());
      assertTrue(n.get("pytorchProfile").isNull());
      assertEquals("a note", n.get("notes").get(0).asText());
      assertEquals("Test CPU", n.get("machine").get("cpu").asText());
    }

    @Test
    void profileSurvivesTheWorkerLine() {
      StepProfile p = report().dl4jProfile();
      String line = TrainWorker.line(Map.of("images_per_s", 1, "params", 2, "peak_rss_mb", 3, "profile", p));
      assertEquals(p, StepProfile.fromWorkerLine(line));
    }
  }

  @Nested
  class Machine {
    @Test
    void readsPeakRssFromProcStatus() {
      assertEquals(2.0, ProcStatus.fieldMb("Name:\tjava\nVmPeak:\t 9 kB\nVmHWM:\t    2048 kB\nVmRSS:\t 1 kB\n", "VmHWM"));
      assertEquals(-1, ProcStatus.fieldMb("Name:\tjava\n", "VmHWM"));
    }

    @Test
    void readsTheCpuModel() {
      assertEquals("AMD EPYC 7B13", MachineFacts.cpuModel("processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t: x\n"));
      assertEquals("unknown", MachineFacts.cpuModel(""));
    }
  }
}
