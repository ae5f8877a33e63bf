package dev.slimnas.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.cli.Cli;
import dev.slimnas.space.io.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlimmableCommandTest {
  @Test
  void anUnknownMethodIsRefusedBeforeAnythingRuns(@TempDir Path dir) {
    Cli.Result r = Cli.run("experiment", "slimmable", "--methods", "joslim,bogus", "--out", dir.toString());
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("unknown method 'bogus'") && r.err().contains("joslim-evo"), r.err());
  }

  @Test
  void aFrontMadeWithOtherSettingsIsRefusedNotMixedIntoTheTable(@TempDir Path dir) throws Exception {
    Path seed = dir.resolve("seed-1");
    Files.createDirectories(seed);
    Path front = seed.resolve("front-uniform.json");
    Files.writeString(front, "{}");
    Provenance.of("front-uniform.json", "pareto-front", null, null, Map.of("images", 10000, "width", 0.25, "seeds", List.of(1)))
        .writeBeside(front);
    Cli.Result r = Cli.run("experiment", "slimmable", "--seeds", "1", "--width", "0.25", "--images", "20000", "--methods",
        "uniform", "--out", dir.toString());
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("other settings") && r.err().contains("images 10000 (this run: 20000)"), r.err());
  }
}
