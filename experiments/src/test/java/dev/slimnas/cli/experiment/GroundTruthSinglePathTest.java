package dev.slimnas.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.cli.Cli;
import dev.slimnas.space.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ground-truth --methods ...,single-path}: settings that must not move, the code mapping, option checks. */
class GroundTruthSinglePathTest {

  private static GroundTruthCommand parse(String... args) {
    GroundTruthCommand c = new GroundTruthCommand();
    new CommandLine(c).parseArgs(args);
    return c;
  }

  @Test
  void addingSinglePathChangesNeitherTheEvaluationSettingsNorASposOnlyRunsSettings() {
    GroundTruthCommand spos = parse("--methods", "spos");
    GroundTruthCommand both = parse("--methods", "spos,single-path");
    assertEquals(spos.evaluationSettings("spos", "abc"), both.evaluationSettings("spos", "abc"));
    assertFalse(spos.describe().containsKey("singlePathImages"), "a run without single-path keeps its settings fingerprint");
    assertTrue(both.describe().containsKey("singlePathImages"));
  }

  @Test
  void theCommittedSposRunsEvaluationLogStillMatchesWithSinglePathAdded() throws Exception {
    Path log = Path.of("results/ground-truth/evaluations.jsonl");
    JsonNode settings = Json.mapper().readTree(Files.readAllLines(log).get(0)).path("settings");
    GroundTruthCommand c = parse("--methods", "spos,single-path", "--seed", settings.path("seed").asText(), "--images",
        settings.path("images").asText(), "--paths", settings.path("paths").asText(), "--val-images",
        settings.path("valImages").asText(), "--calibration-batches", settings.path("calibrationBatches").asText(),
        "--calibration-batch", settings.path("calibrationBatch").asText());
    Map<String, Object> now = c.evaluationSettings(settings.path("method").asText(), settings.path("supernetConfig").asText());
    // as EvaluationLog compares: the header's settings against this run's, both read back from JSON text
    assertEquals(settings, Json.mapper().readTree(Json.mapper().writeValueAsString(now)), "the header EvaluationLog compares against");
  }

  @Test
  void searchResultOpsMapToNasBenchMacroCodes() {
    assertEquals("01001210", SinglePathBudgets.code(List.of("proj", "k3e3", "proj", "skip", "k3e3", "k5e6", "k3e3", "skip")));
    assertEquals("22222222", SinglePathBudgets.code(List.of("k5e6", "k5e6", "k5e6", "k5e6", "k5e6", "k5e6", "k5e6", "k5e6")));
  }

  @Test
  void eachSearchHasItsOwnFolderAndABudgetInTheCostsUnit() {
    GroundTruthCommand c = parse("--methods", "single-path");
    Path dir = Path.of("out");
    assertEquals(Path.of("out/macs-q0.25-s3"), SinglePathBudgets.folder(dir, "macs", 0.25, 3));
    var config = new SinglePathBudgets(dev.slimnas.space.bench.NasBenchMacroCodes.space(), null, null, c.singlePathScale(), dir,
        false, true, System.out).config("macs", 1.5e8, 3);
    assertEquals("ground-truth:macs", config.device());
    assertEquals(3, config.weights().seed());
    assertEquals("nas-bench-macro", config.space());
  }

  @Test
  void aWarmUpAsLongAsTheSearchIsRefusedWithExit2() {
    Cli.Result r = Cli.run("experiment", "ground-truth", "--methods", "single-path", "--single-path-epochs", "2",
        "--single-path-warmup", "2");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("--single-path-warmup"), r.err());
  }
}
