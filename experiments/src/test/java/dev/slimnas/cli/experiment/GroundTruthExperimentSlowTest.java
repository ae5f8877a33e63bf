package dev.slimnas.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slimnas experiment ground-truth} on real CIFAR-10 at a toy scale (2 training steps, 6 ranked
 * networks, one budget per cost, one search seed), both weight-sharing methods: files, table, and resume
 * (a second run evaluates and searches nothing new; a report-only run reproduces the table). Checks
 * mechanics, not accuracy. Slow: several minutes on the shared 2-core machine.
 */
@Tag("slow")
class GroundTruthExperimentSlowTest {

  @Test
  void trainsRanksSearchesAndResumes(@TempDir Path dir) throws Exception {
    String[] args = {"experiment", "ground-truth", "--methods", "spos,sandwich", "--images", "64", "--batch", "32", "--epochs", "1",
        "--val-images", "20", "--calibration-batches", "1", "--architectures", "6", "--quantiles", "0.5", "--nsga-population", "4",
        "--nsga-generations", "1", "--search-seeds", "1", "--bootstrap", "50", "--quiet", "--out", dir.toString()};
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exit(), r::toString);
    for (String m : List.of("spos", "sandwich")) {
      assertTrue(Files.readAllLines(dir.resolve(m).resolve("evaluations.jsonl")).size() >= 7, m); // header + 6 ranked + searched
      assertEquals(2, Files.readAllLines(dir.resolve(m).resolve("searches.jsonl")).size(), m); // macs and latency
      assertTrue(Files.exists(dir.resolve("scatter-" + m + ".png")), m);
    }
    String table = Files.readString(dir.resolve("table.md"));
    assertTrue(table.contains("| spos |") && table.contains("| sandwich |") && table.contains("| macs |"), table);
    assertTrue(Files.exists(dir.resolve("ranking.json")) && Files.exists(dir.resolve("table.json")));
    long evaluations = Files.size(dir.resolve("spos").resolve("evaluations.jsonl"));
    Cli.Result again = Cli.run(args);
    assertEquals(0, again.exit(), again::toString);
    assertEquals(evaluations, Files.size(dir.resolve("spos").resolve("evaluations.jsonl")));
    String[] report = java.util.Arrays.copyOf(args, args.length + 1);
    report[args.length] = "--report-only";
    assertEquals(0, Cli.run(report).exit());
    assertEquals(table, Files.readString(dir.resolve("table.md")));
  }
}
