package dev.slimnas.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.cli.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlimmableCommandTest {
  @Test
  void anUnknownMethodIsRefusedBeforeAnythingRuns(@TempDir Path dir) {
    Cli.Result r = Cli.run("experiment", "slimmable", "--methods", "joslim,bogus", "--out", dir.toString());
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("unknown method 'bogus'") && r.err().contains("joslim-evo"), r.err());
  }
}
