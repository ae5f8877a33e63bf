package dev.slimnas.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.spec.Activation;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.spec.BlockSpec;
import dev.slimnas.space.spec.HeadSpec;
import dev.slimnas.space.spec.InputSpec;
import dev.slimnas.space.spec.StageSpec;
import dev.slimnas.space.spec.StemSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DL4J worker, run in-process on a tiny network: one warm-up step and one timed step. */
public class TrainWorkerTest {

  /** Stem, an expansion-1 block, a strided k3e2 block with SE, a residual k5e2 block, head. */
  public static ArchSpec tiny() {
    return new ArchSpec("tiny-bench", new InputSpec(8, 3), 4, Activation.RELU, new StemSpec(3, 1, 8), List.of(
        new StageSpec(1, 8, List.of(BlockSpec.of(BlockOp.mbconv(3, 1), 8, 0))),
        new StageSpec(2, 12, List.of(BlockSpec.of(BlockOp.mbconv(3, 2, true), 16, 4),
            BlockSpec.of(BlockOp.mbconv(5, 2), 24, 0)))),
        new HeadSpec(16, 0.1));
  }

  static String run(Path arch, String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = new String[6 + extra.length];
    System.arraycopy(new String[] {"--arch", arch.toString(), "--batch", "4", "--warmup", "1"}, 0, args, 0, 6);
    System.arraycopy(extra, 0, args, 6, extra.length);
    int code = TrainWorker.run(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(0, code, err::toString);
    List<String> lines = out.toString().lines().toList();
    assertEquals(1, lines.size(), out::toString);
    return lines.get(0);
  }

  @Test
  void printsOneJsonLineWithThroughputParamsAndPeakRss(@TempDir Path dir) {
    Path arch = dir.resolve("tiny.json");
    SpecFiles.writeArch(arch, tiny());
    String line = run(arch, "--steps", "1");
    SideResult r = SideResult.parse(SideResult.DL4J, line);
    assertTrue(r.imagesPerS() > 0);
    assertEquals(CostModel.of(tiny()).params(), r.params());
    assertTrue(r.peakRssMb() > 0, line);
    assertEquals("train", r.fact("mode", "?"));
    assertNotNull(r.facts().get("nd4j"), line);
  }

  @Test
  void profilesPhasesAndLayerTypes(@TempDir Path dir) {
    Path arch = dir.resolve("tiny.json");
    SpecFiles.writeArch(arch, tiny());
    StepProfile p = StepProfile.fromWorkerLine(run(arch, "--steps", "1", "--profile-steps", "1"));
    assertNotNull(p);
    assertEquals(Set.of("forward", "backward", "updater", "other"), p.phasesMs().keySet());
    assertTrue(p.fitMs() > 0);
    Set<String> types = p.categories().stream().map(StepProfile.CategoryTime::category).collect(Collectors.toSet());
    assertTrue(types.containsAll(Set.of("conv 3x3", "conv 1x1", "depthwise conv 3x3", "depthwise conv 5x5",
        "BN + activation", "SE (pool, dense, scale)", "residual add", "global pool", "classifier (dense, softmax, loss)")),
        types.toString());
    StepProfile.CategoryTime dw = p.categories().stream().filter(c -> c.category().equals("depthwise conv 3x3"))
        .findFirst().orElseThrow();
    assertEquals(2, dw.vertices());
    assertTrue(dw.forwardMs() > 0 && dw.backwardMs() > 0);
    assertTrue(p.layerTotalMs() > 0);
  }

  @Test
  void measuresInferenceToo(@TempDir Path dir) {
    Path arch = dir.resolve("tiny.json");
    SpecFiles.writeArch(arch, tiny());
    SideResult r = SideResult.parse(SideResult.DL4J, run(arch, "--steps", "2", "--mode", "infer"));
    assertEquals("infer", r.fact("mode", "?"));
    assertTrue(r.imagesPerS() > 0);
  }
}
