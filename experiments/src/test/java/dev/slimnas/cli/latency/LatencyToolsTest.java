package dev.slimnas.cli.latency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.cli.Cli;
import dev.slimnas.latency.fit.Calibration;
import dev.slimnas.space.json.Json;
import dev.slimnas.supernet.profile.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces of profile / validate that need no measurement. */
class LatencyToolsTest {
  static ValidationReport report() {
    List<ValidationReport.Row> rows = List.of(
        new ValidationReport.Row("spnas-cifar", "a", "f1", 10, 10.0, 0.5, 10.5, 9.0),
        new ValidationReport.Row("spnas-cifar", "b", "f2", 20, 20.0, 0.5, 19.0, 18.0),
        new ValidationReport.Row("spnas-224", "c", "f3", 300, 200.0, 5, 230.0, 190.0));
    return new ValidationReport("local-cpu", Map.of("threads", "1"), Map.of("pooled", Calibration.none()),
        LatencyValidateCommand.stats(rows, false), LatencyValidateCommand.stats(rows, true), LatencyValidateCommand.kendall(rows),
        NoiseCheck.summarize("a", List.of(10.0, 10.4, 9.8, 10.1), List.of(0.02, 0.03, 0.02, 0.04)), rows);
  }

  @Nested
  class ValidationOutput {
    @Test
    void statisticsPerSpaceAndOverall() {
      ValidationReport r = report();
      assertEquals(List.of("spnas-224", "spnas-cifar", "all"), r.stats().keySet().stream().sorted().toList().stream()
          .sorted((x, y) -> x.equals("all") ? 1 : y.equals("all") ? -1 : x.compareTo(y)).toList());
      assertEquals(3, r.stats().get("all").n());
      assertEquals((5 + 5 + 15) / 3.0, r.stats().get("all").mapePct(), 1e-9);
      assertEquals(100 * 2 / 3.0, r.stats().get("all").within10Pct(), 1e-9);
      assertEquals((10 + 10 + 5) / 3.0, r.sumOfParts().get("all").mapePct(), 1e-9);
    }

    @Test
    void rendersTargetsAndNoise() {
      String text = LatencyValidateCommand.render(report());
      assertTrue(text.contains("within +/-10% >= 99%: NOT met (66.7%)"), text);
      assertTrue(text.contains("noise: a in 4 processes: median 10.050 ms, range 6.0%"), text);
    }

    @Test
    void writesJsonCsvAndPng(@TempDir Path dir) throws Exception {
      ValidationFiles.write(dir, report(), 1);
      var n = Json.mapper().readTree(dir.resolve(ValidationFiles.JSON).toFile());
      assertEquals(ValidationReport.SCHEMA, n.get("schema").asText());
      assertEquals(3, n.get("rows").size());
      List<String> csv = Files.readAllLines(dir.resolve(ValidationFiles.CSV));
      assertEquals(4, csv.size());
      assertTrue(csv.get(1).startsWith("spnas-cifar,a,f1,10.000,10.0000,0.5000,10.5000,9.0000,5.000"), csv.get(1));
      byte[] png = Files.readAllBytes(dir.resolve(ValidationFiles.PNG));
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
      assertTrue(Files.exists(dir.resolve(ValidationFiles.JSON + ".provenance.json")));
      assertEquals(report(), Json.read(dir.resolve(ValidationFiles.JSON), ValidationReport.SCHEMA, 1, ValidationReport.class));
    }

    @Test
    void aReportWithoutNoiseCheckIsReadableToo(@TempDir Path dir) {
      ValidationReport r = report();
      ValidationReport quiet = new ValidationReport(r.profile(), r.conditions(), r.calibrations(), r.stats(), r.sumOfParts(),
          r.kendallTau(), ValidationReport.NoiseReport.none(), r.rows());
      ValidationFiles.write(dir, quiet, 1);
      assertEquals(quiet, Json.read(dir.resolve(ValidationFiles.JSON), ValidationReport.SCHEMA, 1, ValidationReport.class));
      assertTrue(!LatencyValidateCommand.render(quiet).contains("noise:"));
    }
  }

  @Test
  void noiseSummaryUsesTheMediansOfTheProcesses() {
    ValidationReport.NoiseReport n = NoiseCheck.summarize("x", List.of(10.0, 12.0, 11.0), List.of(0.1, 0.2, 0.3));
    assertEquals(11.0, n.medianMs(), 1e-12);
    assertEquals(100 * 2 / 11.0, n.rangePct(), 1e-9);
    assertEquals(100 * 1 / 11.0, n.madPct(), 1e-9);
    assertEquals(20, n.inProcessIqrPct(), 1e-9);
    assertEquals(100 * (1 + 1 + 0) / 3.0 / 11.0, n.mapePct(), 1e-9, "the noise floor as a MAPE against the median");
    assertEquals(100, n.within10Pct(), 1e-9);
    ValidationReport.NoiseReport wide = NoiseCheck.summarize("x", List.of(10.0, 13.0, 11.0, 8.0), List.of(0.1, 0.1, 0.1, 0.1));
    assertEquals(50, wide.within10Pct(), 1e-9, "13 and 8 lie outside +/-10% of the median 10.5");
  }

  @Test
  void kendallTauPerSpaceAndOverall() {
    var k = LatencyValidateCommand.kendall(report().rows());
    assertEquals(1.0, k.get("all"), 1e-12, "the predictions order the three networks as the measurements do");
    List<ValidationReport.Row> swapped = List.of(
        new ValidationReport.Row("s", "a", "f1", 1, 10.0, 0, 12.0, 0),
        new ValidationReport.Row("s", "b", "f2", 1, 11.0, 0, 11.5, 0),
        new ValidationReport.Row("s", "c", "f3", 1, 12.0, 0, 13.0, 0));
    assertEquals(1.0 / 3, LatencyValidateCommand.kendall(swapped).get("s"), 1e-12, "one discordant pair of three");
  }

  @Nested
  class Progress {
    @Test
    void aContinuedValidationKeepsWhatWasMeasured(@TempDir Path dir) {
      Map<String, String> settings = Map.of("profileSha256", "abc", "runtime", "onnxruntime");
      ValidationProgress p = ValidationProgress.open(dir, settings);
      assertEquals("1.0 1.0 1.0", p.loadavgStart("1.0 1.0 1.0"));
      p.addRow(report().rows().get(0));
      p.addNoise(10.0, 0.02);
      ValidationProgress again = ValidationProgress.open(dir, settings);
      assertEquals(List.of(report().rows().get(0)), again.rows());
      assertEquals(List.of(10.0), again.noiseMediansMs());
      assertEquals("1.0 1.0 1.0", again.loadavgStart("9 9 9"), "the load when the run first started");
    }

    @Test
    void progressOfOtherSettingsIsRefusedNamingWhatDiffers(@TempDir Path dir) {
      ValidationProgress.open(dir, Map.of("profileSha256", "abc")).addRow(report().rows().get(0));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ValidationProgress.open(dir, Map.of("profileSha256", "def")));
      assertTrue(e.getMessage().contains("profileSha256 (abc there, def now)") && e.getMessage().contains("--out"), e.getMessage());
    }
  }

  @Test
  void clockChoice() {
    assertEquals(Clock.THREAD_CPU, ClockOption.resolve("auto", 1));
    assertEquals(Clock.WALL, ClockOption.resolve("auto", 2));
    assertEquals(Clock.WALL, ClockOption.resolve("wall", 1));
    assertThrows(IllegalArgumentException.class, () -> ClockOption.resolve("thread-cpu", 2));
    assertThrows(IllegalArgumentException.class, () -> ClockOption.resolve("sundial", 1));
  }

  @Test
  void childJvmRunsTheCommandLineOnTheSameClassPathWithFixedThreads() {
    List<String> cmd = ChildJvm.command(List.of("latency", "measure"));
    int cp = cmd.indexOf("-cp");
    assertEquals(System.getProperty("java.class.path"), cmd.get(cp + 1));
    assertEquals(List.of("dev.slimnas.cli.SlimnasCli", "latency", "measure"), cmd.subList(cp + 2, cmd.size()));
    assertEquals("3", ChildJvm.threadEnv(3).get("OMP_NUM_THREADS"));
    assertTrue(ChildJvm.threadEnv(3).containsKey(ChildJvm.GUARD));
  }

  @Test
  void profileDryRunListsThePlan() {
    Cli.Result r = Cli.run("latency", "profile", "--out", "/nonexistent/p.json", "--dry-run", "--space", "spnas-cifar,spnas-224",
        "--random-archs", "0", "--networks", "2", "--multipliers", "1.0");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().startsWith("plan: 93 parts {overhead=1, stem=2, block=84, head=2, network=4}"), r.out());
  }
}
