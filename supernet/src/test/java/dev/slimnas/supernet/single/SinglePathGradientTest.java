package dev.slimnas.supernet.single;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.util.Set;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Finite-difference checks of the whole layer in double precision. The hard step has no derivative
 * (its straight-through gradient is not what finite differences see), so: with hard indicators every
 * norm sits 40 away from its threshold (the STE terms, ~sigmoid'(40), vanish) and all parameters must
 * match; with {@link Relaxation#SOFT} indicators near their thresholds the thresholds must match too.
 */
class SinglePathGradientTest {
  private static final Set<String> STATISTICS = Set.of("blk_mean", "blk_var", "blk_pmean", "blk_pvar");
  private DataType defaultBefore;
  private DataType floatBefore;

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  @BeforeEach
  void doublePrecision() {
    defaultBefore = Nd4j.dataType();
    floatBefore = Nd4j.defaultFloatingPointType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @AfterEach
  void restore() {
    Nd4j.setDefaultDataTypes(defaultBefore, floatBefore);
  }

  private static ComputationGraph net(int stride, int se, Relaxation relaxation, double temperature) {
    SinglePathBlock b = SinglePathBlock.builder(4, 3).stride(stride).skippable(true).seChannels(se)
        .relaxation(relaxation).temperature(temperature).build();
    return Fixtures.net(DataType.DOUBLE, b, 2, stride == 1 ? 4 : 5, true, new NoOp(), 7 + stride);
  }

  private static boolean check(ComputationGraph net, int size, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, size, size).muli(2).subi(1);
    Fixtures.randomize(net, seed);
    return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
        .net(net).inputs(new INDArray[] {x}).labels(new INDArray[] {Fixtures.labels(DataType.DOUBLE, 3)})
        .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
        .excludeParams(STATISTICS)
        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
  }

  @ParameterizedTest(name = "keep {0} e6 {1} k5 {2} se {3} stride {4}")
  @CsvSource({
      "true, true, true, true, 1",
      "true, true, false, true, 1",
      "true, false, true, true, 1",
      "true, false, false, false, 1",
      "true, false, false, true, 2",
      "false, true, true, true, 1"})
  void hardIndicatorsMatchFiniteDifferencesForAllOtherParameters(boolean keep, boolean e6, boolean k5, boolean se,
      int stride) {
    ComputationGraph net = net(stride, 2, Relaxation.HARD, 1);
    Fixtures.pin(net, keep, e6, k5, se, 40);
    assertEquals(BlockIndicators.of(keep, k5 ? 5 : 3, e6 ? 6 : 3, se), Fixtures.block(net).indicators());
    assertTrue(check(net, stride == 1 ? 4 : 5, 3), "gradient check failed");
  }

  @ParameterizedTest(name = "stride {0} se {1} temperature {2}")
  @CsvSource({"1, 2, 1.0", "2, 2, 2.0"})
  void softIndicatorsMatchFiniteDifferencesIncludingThresholds(int stride, int se, double temperature) {
    ComputationGraph net = net(stride, se, Relaxation.SOFT, temperature);
    double[] n = Fixtures.block(net).state().norms().toArray();
    double[] t = {n[0] - 0.4, n[1] + 0.3, n[2] - 0.2, n[3] + 0.5};
    net.setParam("blk_t", Nd4j.create(t, new long[] {1, 4}, 'c'));
    assertTrue(check(net, stride == 1 ? 4 : 5, 5), "gradient check failed");
  }
}
