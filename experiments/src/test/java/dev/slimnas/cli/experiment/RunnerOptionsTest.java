package dev.slimnas.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.cli.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --runner} and {@code --master} are checked before any work; Spark is not on this module's classpath. */
class RunnerOptionsTest {
  @TempDir
  Path dir;

  @Test
  void sparkWithoutItsModuleIsBadInputNamingTheFix() {
    Cli.Result r = Cli.run("bench", "trials", "--runner", "spark", "--master", "local[2]", "--out", dir.resolve("b").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("the Spark runner is not on this classpath"), r.err());
  }

  @Test
  void searchBudgetsChecksItsRunnerBeforeSearching() {
    Path out = dir.resolve("sb");
    Cli.Result r = Cli.run("experiment", "search-budgets", "--runner", "spark", "--out", out.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--runner spark"), r.err());
    assertTrue(!java.nio.file.Files.exists(out.resolve("search-50ms")), "a search started");
  }

  @Test
  void anUnknownRunnerIsBadInput() {
    Cli.Result r = Cli.run("bench", "trials", "--runner", "ray", "--out", dir.resolve("b").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--runner ray is unknown"), r.err());
  }

  @Test
  void aMasterNeedsADistributedRunner() {
    Cli.Result r = Cli.run("bench", "trials", "--master", "local[2]", "--out", dir.resolve("b").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("needs a distributed runner"), r.err());
  }
}
