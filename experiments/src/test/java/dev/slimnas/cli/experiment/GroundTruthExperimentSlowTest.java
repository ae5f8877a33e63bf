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

  /**
   * single-path added to a folder where spos has run: spos's evaluations and searches are reused (nothing
   * new), one single-path search runs per budget, lands in its band, and a second run re-runs none.
   */
  @Test
  void singlePathJoinsAnSposRunFolderAndResumes(@TempDir Path dir) throws Exception {
    String[] common = {"experiment", "ground-truth", "--images", "64", "--batch", "32", "--epochs", "1", "--val-images", "20",
        "--calibration-batches", "1", "--architectures", "4", "--quantiles", "0.5", "--costs", "macs", "--nsga-population", "4",
        "--nsga-generations", "1", "--search-seeds", "1", "--bootstrap", "50", "--single-path-images", "64",
        "--single-path-epochs", "2", "--single-path-warmup", "1", "--single-path-batch", "32", "--single-path-width", "0.125",
        "--quiet", "--out", dir.toString()};
    Cli.Result spos = Cli.run(with(common, "--methods", "spos"));
    assertEquals(0, spos.exit(), spos::toString);
    long evaluations = Files.size(dir.resolve("spos/evaluations.jsonl"));
    long searches = Files.size(dir.resolve("spos/searches.jsonl"));
    Cli.Result both = Cli.run(with(common, "--methods", "spos,single-path"));
    assertEquals(0, both.exit(), both::toString);
    assertEquals(evaluations, Files.size(dir.resolve("spos/evaluations.jsonl")), "spos's evaluations reused");
    assertEquals(searches, Files.size(dir.resolve("spos/searches.jsonl")), "spos's searches reused");
    Path result = dir.resolve("single-path/macs-q0.50-s1/search-result.json");
    assertTrue(Files.exists(result), both::toString);
    var r = dev.slimnas.supernet.search.SearchResult.read(result);
    assertTrue(r.budgetFraction() <= 1 + 1e-12, "never over the budget: " + r.budgetFraction());
    String table = Files.readString(dir.resolve("table.md"));
    assertTrue(table.contains("## Single-path search") && table.contains("NSGA-II regret (spos)"), table);
    long modified = Files.getLastModifiedTime(result).toMillis();
    Cli.Result again = Cli.run(with(common, "--methods", "spos,single-path"));
    assertEquals(0, again.exit(), again::toString);
    assertEquals(modified, Files.getLastModifiedTime(result).toMillis(), "a finished search is read, not re-run");
    assertEquals(table, Files.readString(dir.resolve("table.md")));
  }

  private static String[] with(String[] common, String... more) {
    String[] out = java.util.Arrays.copyOf(common, common.length + more.length);
    System.arraycopy(more, 0, out, common.length, more.length);
    return out;
  }
}
