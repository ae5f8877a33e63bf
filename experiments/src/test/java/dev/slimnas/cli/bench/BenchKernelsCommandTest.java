package dev.slimnas.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slimnas bench kernels} at a toy shape: both kernels agree (checked before timing), four cases, a report. */
class BenchKernelsCommandTest {
  @TempDir
  Path tmp;

  @Test
  void timesEveryCaseAndWritesTheReport() throws Exception {
    Cli.Result r = Cli.run("bench", "kernels", "--batch", "2", "--channels", "3", "--size", "9", "--rounds", "2", "--reps", "1",
        "--out", tmp.toString());
    assertEquals(0, r.exit(), r.err() + r.out());
    for (String c : new String[] {"3x3 stride 1", "3x3 stride 2", "5x5 stride 1", "5x5 stride 2"}) {
      assertTrue(r.out().contains("| " + c + " |"), r.out());
    }
    String json = Files.readString(tmp.resolve("bench-kernels.json"));
    assertTrue(json.contains("\"slimnas.bench-kernels\"") && json.contains("\"medianRatio\""), json);
    assertTrue(Files.exists(tmp.resolve("bench-kernels.json.provenance.json")));
  }

  @Test
  void verdictNeedsTheRoundsToAgree() {
    assertEquals("agrees", BenchKernelsCommand.verdict(new double[] {0.4, 0.5, 0.45}, 0.45, true));
    assertEquals("DISAGREES", BenchKernelsCommand.verdict(new double[] {0.4, 0.5, 0.45}, 0.45, false));
    assertEquals("agrees", BenchKernelsCommand.verdict(new double[] {1.5, 3.2, 1.6}, 1.6, false));
    assertEquals("tie", BenchKernelsCommand.verdict(new double[] {0.95, 1.08, 0.93}, 0.95, false));
    assertEquals("mixed (3 of 5 rounds Java faster)",
        BenchKernelsCommand.verdict(new double[] {1.58, 2.43, 0.86, 0.83, 0.87}, 0.87, false));
  }

  @Test
  void rejectsNonPositiveSizes() {
    Cli.Result r = Cli.run("bench", "kernels", "--rounds", "0", "--out", tmp.toString());
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("--rounds"), r.err());
  }
}
