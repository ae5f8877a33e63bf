package dev.slimnas.supernet.slim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.bench.NasBenchMacroCodes;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** SPOS and sandwich steps over a weight store of the NAS-Bench-Macro space (proj held beside the full network). */
class UniformPathStepTest {
  private static final JointFamily FAMILY = JointFamily.of(NasBenchMacroCodes.space());

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  private static ComputationGraph store() {
    return WeightStore.build(FAMILY, new NetSettings(3, new Sgd(0.1), 0, 0.9, DataType.FLOAT));
  }

  @Nested
  class Store {
    @Test
    void projBranchesSitWhereProjIsAllowed() {
      assertEquals(Set.of(0, 2, 5), WeightStore.branchBlocks(FAMILY));
      ComputationGraph g = store();
      assertTrue(g.paramTable().containsKey("b0.proj.conv_W"));
      assertTrue(g.paramTable().containsKey("b5.proj.bn_gamma"));
      assertFalse(g.paramTable().containsKey("b1.proj.conv_W"));
    }

    @Test
    void everyMemberCopiesItsWeightsFromTheStore() {
      ComputationGraph g = store();
      SubnetCache cache = new SubnetCache(NetSettings.defaults(1), 4);
      for (String code : List.of("00000000", "22222222", "12012010", "01201201")) {
        ArchSpec arch = NasBenchMacroCodes.arch(code);
        ComputationGraph sub = cache.withWeightsOf(g, arch);
        assertEquals(g.getParam("output_W"), sub.getParam("output_W"), code);
        if (code.charAt(0) == '0') {
          assertEquals(g.getParam("b0.proj.conv_W"), sub.getParam("b0.proj.conv_W"), code);
        }
      }
    }

    @Test
    void gradientViewsAliasTheFlattenedGradients() {
      ComputationGraph g = store();
      var views = WeightStore.gradientViews(g);
      views.getGradientFor("b0.proj.conv_W").assign(1);
      assertEquals(views.getGradientFor("b0.proj.conv_W").length(), g.getFlattenedGradients().sumNumber().longValue());
      assertEquals(g.paramTable().keySet(), views.gradientForVariable().keySet());
    }
  }

  @Nested
  class SinglePath {
    @Test
    void pathsAreUniformAndAPureFunctionOfTheStep() {
      UniformPathStep a = new UniformPathStep(FAMILY, new SubnetCache(NetSettings.defaults(1), 2), UniformPathStep.Rule.SINGLE_PATH, 1, 5);
      UniformPathStep b = new UniformPathStep(FAMILY, new SubnetCache(NetSettings.defaults(1), 2), UniformPathStep.Rule.SINGLE_PATH, 1, 5);
      int[] counts = new int[3];
      for (long s = 0; s < 3000; s++) {
        assertEquals(a.sample(s), b.sample(s));
        for (int op : a.sample(s).get(0).ops().toArray()) {
          counts[op]++;
        }
      }
      for (int c : counts) {
        assertEquals(8000, c, 300); // 24,000 draws over 3 ops
      }
    }

    @Test
    void aStepMovesOnlyThePathsWindowOfTheStore() {
      ComputationGraph g = store();
      SubnetCache cache = new SubnetCache(NetSettings.defaults(1), 2);
      UniformPathStep step = new UniformPathStep(FAMILY, cache, UniformPathStep.Rule.SINGLE_PATH, 1, 9);
      long s = 0;
      while (!(NasBenchMacroCodes.code(step.sample(s).get(0)).charAt(0) == '0'
          && NasBenchMacroCodes.code(step.sample(s).get(0)).charAt(3) == '1')) {
        s++;
      }
      String code = NasBenchMacroCodes.code(step.sample(s).get(0));
      Map<String, INDArray> before = copy(g.paramTable());
      Nd4j.getRandom().setSeed(1);
      INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, 32, 32);
      INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 10);
      for (int i = 0; i < 4; i++) {
        y.putScalar(i, i % 10, 1);
      }
      g.getConfiguration().setIterationCount((int) s);
      step.fit(g, x, y, s, 0);
      assertEquals(s + 1, g.getIterationCount());
      assertTrue(Double.isFinite(g.score()));
      assertNotEquals(before.get("b0.proj.conv_W"), g.getParam("b0.proj.conv_W"), code);
      assertEquals(before.get("b0.expand.conv_W"), g.getParam("b0.expand.conv_W"), code); // block 0 is proj
      INDArray dw = g.getParam("b3.dw.conv_W").dup(); // block 3 is k3e3: only the centre 3x3 of the first half moves
      INDArray dw0 = before.get("b3.dw.conv_W");
      long hidden = dw.size(2);
      for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 5; j++) {
          boolean centre = i >= 1 && i <= 3 && j >= 1 && j <= 3;
          for (long c = 0; c < hidden; c++) {
            boolean moved = dw.getDouble(i, j, c, 0) != dw0.getDouble(i, j, c, 0);
            if (!centre || c >= hidden / 2) {
              assertFalse(moved, "dw weight (" + i + "," + j + "," + c + ") outside the k3e3 window moved, code " + code);
            }
          }
        }
      }
      assertEquals(before.get("b3.dw.bn_mean"), g.getParam("b3.dw.bn_mean")); // statistics stay (recalibrated later)
    }
  }

  @Test
  void sandwichTrainsLargestSmallestAndUniformPaths() {
    ComputationGraph g = store();
    UniformPathStep step = new UniformPathStep(FAMILY, new SubnetCache(NetSettings.defaults(1), 4), UniformPathStep.Rule.SANDWICH, 1, 2);
    List<ArchEncoding> nets = step.sample(0);
    assertEquals(List.of("22222222", "00000000"), nets.subList(0, 2).stream().map(NasBenchMacroCodes::code).toList());
    INDArray x = Nd4j.randn(DataType.FLOAT, 2, 3, 32, 32);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 10);
    y.putScalar(0, 1, 1);
    y.putScalar(1, 7, 1);
    INDArray projBefore = g.getParam("b2.proj.conv_W").dup();
    step.fit(g, x, y, 0, 0);
    assertEquals(3, step.lastLosses().length);
    assertNotEquals(projBefore, g.getParam("b2.proj.conv_W")); // the smallest network is proj at every stage start
  }

  private static Map<String, INDArray> copy(Map<String, INDArray> t) {
    Map<String, INDArray> out = new java.util.HashMap<>();
    t.forEach((k, v) -> out.put(k, v.dup()));
    return out;
  }
}
