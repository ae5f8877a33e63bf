package dev.slimnas.supernet.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.net.VertexNames;
import dev.slimnas.supernet.single.IndicatorState;
import dev.slimnas.supernet.single.SearchableBlock;
import dev.slimnas.supernet.single.SinglePathGraph;
import dev.slimnas.supernet.single.SinglePathParams;
import dev.slimnas.supernet.single.Supernets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * A supernet with random BN statistics and each searchable block pinned to a random op exports to the
 * stand-alone network of that path, which computes the supernet's output at inference.
 */
class PathExportTest {
  private static final double MARGIN = 0.05;
  private static final int KEEP = 0;
  private static final int E6 = 1;
  private static final int K5 = 2;
  private static final int SE = 3;

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  private static NetSettings settings(long seed) {
    return new NetSettings(seed, new NoOp(), 0, 0.9, DataType.DOUBLE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"spnas-cifar", "spnas-se-cifar"})
  void theStandaloneNetworkOfThePinnedPathComputesTheSupernetsOutput(String name) {
    SearchSpace space = SearchSpaces.get(name, 0.25);
    ComputationGraph supernet = Supernets.build(space, settings(5), Supernets.BlockSettings.defaults());
    randomizeBatchNorm(supernet, 6);
    List<BlockIndicators> wanted = pinRandomOps(supernet, space, new SplittableRandom(7));
    ArchSpec expected = Readout.architecture(space, wanted);
    assertCoversEveryChoice(expected, name.contains("-se-"));

    ArchSpec arch = PathExport.architecture(supernet, space);
    assertEquals(expected.ops(), arch.ops());
    assertEquals(expected, arch);

    ComputationGraph net = PathExport.standalone(supernet, space, settings(99));
    assertEquals(CostModel.of(arch).params(), Networks.trainableParams(net));

    Nd4j.getRandom().setSeed(8);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 3, 32, 32);
    Map<String, INDArray> supernetActivations = supernet.feedForward(new INDArray[] {x}, false, false);
    INDArray out = net.output(false, x)[0];
    assertClose(supernetActivations.get(VertexNames.OUTPUT), out, "output");
    assertTrue(out.maxNumber().doubleValue() < 0.999, "softmax saturated, the comparison says little: " + out);
    // the pooled features too, which the softmax could flatten
    INDArray pooled = net.feedForward(new INDArray[] {x}, false, false).get(VertexNames.POOL);
    assertClose(supernetActivations.get(VertexNames.POOL), pooled, VertexNames.POOL);
  }

  @Test
  void nasBenchMacroPathsWithProjectionsExportToTheCodesNetwork() {
    long seed = 7; // a path with proj, skip, k3e3 and k5e6
    SearchSpace space = SearchSpaces.get("nas-bench-macro", 0.25);
    ComputationGraph supernet = Supernets.build(space, settings(5), Supernets.BlockSettings.defaults());
    randomizeBatchNorm(supernet, 6);
    List<BlockIndicators> wanted = pinRandomOps(supernet, space, new SplittableRandom(seed));
    ArchSpec arch = PathExport.architecture(supernet, space);
    assertEquals(Readout.architecture(space, wanted).ops(), arch.ops());
    List<BlockOp> ops = arch.ops();
    assertTrue(ops.contains(BlockOp.PROJ) && ops.contains(BlockOp.mbconv(3, 3)) && ops.contains(BlockOp.mbconv(5, 6)), ops.toString());
    String code = dev.slimnas.space.bench.NasBenchMacroCodes.code(space.encode(arch));
    assertEquals(dev.slimnas.space.bench.NasBenchMacroCodes.arch(code).ops(), ops, "the read-out is the network of code " + code);

    ComputationGraph net = PathExport.standalone(supernet, space, settings(99));
    assertEquals(CostModel.of(arch).params(), Networks.trainableParams(net));
    Nd4j.getRandom().setSeed(8);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 3, 32, 32);
    Map<String, INDArray> supernetActivations = supernet.feedForward(new INDArray[] {x}, false, false);
    assertClose(supernetActivations.get(VertexNames.POOL), net.feedForward(new INDArray[] {x}, false, false).get(VertexNames.POOL),
        VertexNames.POOL);
    assertClose(supernetActivations.get(VertexNames.OUTPUT), net.output(false, x)[0], "output");
  }

  /** Equal to 1e-9 relative to the largest magnitude of {@code expected}. */
  private static void assertClose(INDArray expected, INDArray actual, String what) {
    assertArrayEquals(expected.shape(), actual.shape(), what);
    double scale = expected.amaxNumber().doubleValue();
    double diff = expected.sub(actual).amaxNumber().doubleValue();
    assertTrue(diff <= 1e-9 * scale, what + ": max |difference| " + diff + " at scale " + scale);
  }

  @Test
  void aSpaceAtOtherWidthsIsRejectedNamingTheBlock() {
    ComputationGraph supernet = Supernets.build(SearchSpaces.get("spnas-cifar", 0.25), settings(5),
        Supernets.BlockSettings.defaults());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PathExport.standalone(supernet, SearchSpaces.get("spnas-cifar", 0.5), settings(5)));
    assertTrue(e.getMessage().startsWith("block 1 (stage 1, position 0)"), e.getMessage());
  }

  /**
   * Pins every searchable block to a random op (skip with probability 1/4 where allowed) by setting its
   * thresholds {@link #MARGIN} away from the norms on the wanted side; returns the indicators of every block.
   * Kernel first, then keep and expansion (their norms depend on k5), then SE (its norm depends on e6).
   */
  private static List<BlockIndicators> pinRandomOps(ComputationGraph net, SearchSpace space, SplittableRandom r) {
    List<BlockIndicators> out = new ArrayList<>();
    for (int b = 0; b < space.blockCount(); b++) {
      if (!space.blocks().get(b).searchable()) {
        out.add(Readout.indicators(space.blocks().get(b).ops().get(0)));
        continue;
      }
      SearchableBlock block = SinglePathGraph.block(net, b);
      IndicatorState s = block.state();
      boolean[] want = {!s.skippable() || r.nextInt(4) != 0, r.nextBoolean(), r.nextBoolean(),
          s.searchableSe() && r.nextBoolean()};
      if (s.tied()) {
        want[K5] = want[E6];
      }
      String key = SinglePathGraph.layerName(b) + "_" + SinglePathParams.THRESHOLDS;
      double[] t = net.getParam(key).toDoubleVector();
      // tied: the one kernel/expansion indicator first (keep's norm depends on it)
      int[][] order = s.tied() ? new int[][] {{E6}, {KEEP}, {SE}} : new int[][] {{K5}, {KEEP, E6}, {SE}};
      for (int[] step : order) {
        double[] n = block.state().norms().toArray();
        for (int i : step) {
          boolean free = i == KEEP ? s.skippable() : i != SE || s.searchableSe();
          if (free) {
            t[i] = want[i] ? n[i] - MARGIN : n[i] + MARGIN;
          }
        }
        net.setParam(key, Nd4j.create(t, new long[] {1, 4}, 'c'));
      }
      BlockIndicators d = new BlockIndicators(want[KEEP] ? 1 : 0, want[E6] ? 1 : 0, want[K5] ? 1 : 0, want[SE] ? 1 : 0);
      assertEquals(d, block.indicators(), "block " + b);
      out.add(d);
    }
    return out;
  }

  /** The test means something only if the path has skips, both kernels, both expansions (and SE on and off). */
  private static void assertCoversEveryChoice(ArchSpec arch, boolean se) {
    List<BlockOp> ops = arch.ops();
    assertTrue(ops.contains(BlockOp.SKIP), ops.toString());
    for (int k : new int[] {3, 5}) {
      assertTrue(ops.stream().anyMatch(o -> o.kernel() == k), "kernel " + k + ": " + ops);
    }
    for (int e : new int[] {3, 6}) {
      assertTrue(ops.stream().anyMatch(o -> o.expansion() == e), "expansion " + e + ": " + ops);
    }
    if (se) {
      assertTrue(ops.stream().anyMatch(BlockOp::se), ops.toString());
      assertTrue(ops.stream().anyMatch(o -> !o.isSkip() && !o.se()), ops.toString());
    }
  }

  /** Random BN parameters and running statistics everywhere (and SE biases), so inference is not trivial. */
  private static void randomizeBatchNorm(ComputationGraph net, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
      String param = e.getKey().substring(e.getKey().lastIndexOf('_') + 1);
      switch (param) {
        case "gamma", "pgamma", "qgamma" -> fill(e.getValue(), () -> r.nextDouble(0.5, 1.5));
        case "beta", "pbeta", "mean", "pmean", "seb1", "seb2", "qbeta", "qmean" -> fill(e.getValue(), () -> r.nextDouble(-0.5, 0.5));
        case "var", "pvar", "qvar" -> fill(e.getValue(), () -> r.nextDouble(0.5, 2.0));
        default -> { }
      }
    }
  }

  private static void fill(INDArray p, DoubleSupplier s) {
    double[] v = new double[(int) p.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = s.getAsDouble();
    }
    p.assign(Nd4j.create(v, p.shape(), 'c'));
  }
}
