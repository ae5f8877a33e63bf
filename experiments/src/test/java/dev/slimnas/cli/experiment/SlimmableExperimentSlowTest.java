package dev.slimnas.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.cli.Cli;
import dev.slimnas.optimizers.pareto.FrontDocument;
import dev.slimnas.optimizers.pareto.FrontFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slimnas experiment slimmable} with all five methods on real CIFAR-10 at a toy scale (a few training
 * steps): the five methods' fronts are written, test-evaluated and tabled, and a second run reads them
 * back instead of training again. Checks the mechanics and files, not accuracy.
 */
@Tag("slow")
class SlimmableExperimentSlowTest {

  @Test
  void jointOpsAndEvolutionaryProposalsRunBesideTheThreeWidthMethods(@TempDir Path dir) throws Exception {
    String[] args = {"experiment", "slimmable", "--seeds", "1", "--width", "0.25", "--images", "256", "--epochs", "1",
        "--per-step", "1", "--tau", "1", "--proposals", "2", "--val-images", "100", "--calibration-batches", "1",
        "--nsga-population", "4", "--nsga-generations", "1", "--points", "2", "--methods", "joslim,uniform,two-stage,joslim-evo,joint", "--quiet",
        "--out", dir.toString()};
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exit(), r::toString);
    for (String m : new String[] {"joslim", "uniform", "two-stage", "joint", "joslim-evo"}) {
      Path f = dir.resolve("seed-1").resolve("front-" + m + ".json");
      assertTrue(Files.exists(f), m + ": " + r.out());
      FrontDocument doc = FrontFiles.readJson(f);
      assertTrue(!doc.candidates().isEmpty(), m);
    }
    String table = Files.readString(dir.resolve("table.md"));
    assertTrue(table.contains("| joint |") && table.contains("| two-stage |"), table);
    assertTrue(Files.exists(dir.resolve("fronts.png")));
    long modified = Files.getLastModifiedTime(dir.resolve("seed-1").resolve("front-joint.json")).toMillis();
    Cli.Result again = Cli.run(args); // complete seed: fronts read back, nothing trained or evaluated again
    assertEquals(0, again.exit(), again::toString);
    assertEquals(modified, Files.getLastModifiedTime(dir.resolve("seed-1").resolve("front-joint.json")).toMillis());
    // one method deleted: only it runs again, the table still covers all five
    Files.delete(dir.resolve("seed-1").resolve("front-uniform.json"));
    long joslim = Files.getLastModifiedTime(dir.resolve("seed-1").resolve("front-joslim.json")).toMillis();
    String[] onlyUniform = args.clone();
    onlyUniform[java.util.Arrays.asList(args).indexOf("--methods") + 1] = "uniform";
    assertEquals(0, Cli.run(onlyUniform).exit());
    assertTrue(Files.exists(dir.resolve("seed-1").resolve("front-uniform.json")));
    assertEquals(joslim, Files.getLastModifiedTime(dir.resolve("seed-1").resolve("front-joslim.json")).toMillis());
    String again5 = Files.readString(dir.resolve("table.md"));
    assertTrue(again5.contains("| joint |") && again5.contains("| joslim-evo |"), again5);
  }
}
