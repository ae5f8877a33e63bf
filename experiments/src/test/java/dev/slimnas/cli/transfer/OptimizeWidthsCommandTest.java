package dev.slimnas.cli.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to the width-optimization commands fails before any data is loaded or network built. */
class OptimizeWidthsCommandTest {
  @TempDir
  Path tmp;

  @Test
  void unknownOptimizerIsNamed() {
    Cli.Result r = Cli.run("optimize-widths", "--optimizer", "annealing", "--out", tmp.resolve("o").toString());
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("annealing") && r.err().contains("nsga, greedy or joslim"), r::toString);
    assertFalse(Files.exists(tmp.resolve("o")), "nothing written");
  }

  @Test
  void malformedProxyFileNamesFileAndField() throws Exception {
    Path proxy = tmp.resolve("proxy.json");
    Files.writeString(proxy, "{\"schema\": \"slimnas.proxy\", \"version\": 1,\n \"depth\": {\"type\": \"fraction\", \"fraction\": 0.5},\n"
        + " \"widthMultiplier\": 1.5, \"resolutionScale\": 1, \"imageFraction\": 1}\n");
    Cli.Result r = Cli.run("optimize-widths", "--proxy", proxy.toString(), "--out", tmp.resolve("o").toString());
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("proxy.json") && r.err().contains("widthMultiplier"), r::toString);
  }

  @Test
  void experimentRefusesAProxyWhoseResolutionDoesNotDivideTheTargets() throws Exception {
    Path proxy = tmp.resolve("odd.json");
    Files.writeString(proxy, "{\"schema\": \"slimnas.proxy\", \"version\": 1, \"depth\": {\"type\": \"fraction\", \"fraction\": 1},"
        + " \"widthMultiplier\": 1, \"resolutionScale\": 0.7, \"imageFraction\": 1}\n");
    Cli.Result r = Cli.run("optimize-widths", "--proxy", proxy.toString(), "--out", tmp.resolve("o").toString());
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("resolution 22") && r.err().contains("32"), r::toString);
  }

  @Test
  void proxyImagesBelowOneBatchAreRefusedBeforeAnyWork() {
    Cli.Result r = Cli.run("optimize-widths", "--proxy", "lowres", "--images", "256", "--out", tmp.resolve("o").toString());
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("64 images") && r.err().contains("one batch of 128"), r::toString);
    assertFalse(Files.exists(tmp.resolve("o")), "nothing written");
    Cli.Result e = Cli.run("experiment", "transfer", "--opt-images", "100", "--out", tmp.resolve("e").toString());
    assertEquals(2, e.exit(), e::toString);
    assertTrue(e.err().contains("fewer than one batch"), e::toString);
    assertFalse(Files.exists(tmp.resolve("e")), "nothing written");
  }
}
