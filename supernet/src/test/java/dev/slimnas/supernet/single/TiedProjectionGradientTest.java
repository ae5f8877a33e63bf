package dev.slimnas.supernet.single;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.util.Set;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Finite-difference checks (double precision) of the two NAS-Bench-Macro parts of {@link SinglePathBlock}:
 * the tied kernel/expansion indicator and the projection skip {@code v_keep MBConv + (1 - v_keep) proj(x)}.
 * The network is input -> 1x1 conv "pre" (tanh) -> [1x1 conv "expand" (tanh) of it, itself] merged -> block
 * -> pool -> softmax, so the gradient into both parts of the block's input is checked through "pre"'s and
 * "expand"'s parameters. Hard indicators sit 40 from their thresholds (straight-through terms vanish);
 * soft ones sit near them, thresholds included.
 */
class TiedProjectionGradientTest {
  private static final Set<String> STATISTICS = Set.of("blk_mean", "blk_var", "blk_pmean", "blk_pvar", "blk_qmean", "blk_qvar");
  private static final int IN = 3;
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

  static ComputationGraph net(int stride, int se, boolean projection, Relaxation relaxation, int size, long seed) {
    SinglePathBlock block = SinglePathBlock.builder(4, 5).stride(stride).skippable(true).seChannels(se).tied(true)
        .projection(projection ? IN : 0).relaxation(relaxation).build();
    var g = new NeuralNetConfiguration.Builder()
        .seed(seed).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.RELU)
        .graphBuilder()
        .addInputs("input")
        .setInputTypes(InputType.convolutional(size, size, IN))
        .addLayer("pre", new ConvolutionLayer.Builder(1, 1).nIn(IN).nOut(IN).convolutionMode(ConvolutionMode.Same)
            .activation(Activation.TANH).weightInit(WeightInit.XAVIER).build(), "input")
        .addLayer("expand", new ConvolutionLayer.Builder(1, 1).nIn(IN).nOut(4).convolutionMode(ConvolutionMode.Same)
            .activation(Activation.TANH).weightInit(WeightInit.XAVIER).build(), "pre");
    if (projection) {
      g.addVertex("merge", new MergeVertex(), "expand", "pre").addLayer(Fixtures.BLOCK, block, "merge");
    } else {
      g.addLayer(Fixtures.BLOCK, block, "expand");
    }
    ComputationGraphConfiguration conf = g
        .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), Fixtures.BLOCK)
        .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5)
            .nOut(Fixtures.CLASSES).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), "pool")
        .setOutputs("output")
        .build();
    ComputationGraph net = new ComputationGraph(conf);
    net.init();
    return net;
  }

  private static boolean check(ComputationGraph net, int size, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 3, IN, size, size).muli(2).subi(1);
    Fixtures.randomize(net, seed);
    randomizeProjection(net, seed);
    return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
        .net(net).inputs(new INDArray[] {x}).labels(new INDArray[] {Fixtures.labels(DataType.DOUBLE, 3)})
        .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
        .excludeParams(STATISTICS)
        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
  }

  static void randomizeProjection(ComputationGraph net, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed + 99);
    for (String key : new String[] {"qgamma", "qbeta", "qmean", "qvar"}) {
      INDArray p = net.paramTable().get(Fixtures.BLOCK + "_" + key);
      if (p == null) {
        continue;
      }
      double[] v = new double[(int) p.length()];
      for (int i = 0; i < v.length; i++) {
        v[i] = key.equals("qbeta") || key.equals("qmean") ? r.nextDouble(-0.5, 0.5) : r.nextDouble(0.5, 1.5);
      }
      p.assign(Nd4j.create(v, p.shape(), 'c'));
    }
  }

  @ParameterizedTest(name = "keep {0} big {1} se {2} stride {3} projection {4}")
  @CsvSource({
      "true, true, 2, 1, false",
      "true, false, 2, 1, false",
      "true, true, 2, 2, true",
      "false, true, 2, 2, true",
      "false, false, 0, 1, true"})
  void hardIndicatorsMatchFiniteDifferences(boolean keep, boolean big, int se, int stride, boolean projection) {
    int size = stride == 1 ? 4 : 6;
    ComputationGraph net = net(stride, se, projection, Relaxation.HARD, size, 11 + stride);
    Fixtures.pin(net, keep, big, big, se > 0, 40);
    BlockIndicators d = Fixtures.block(net).indicators();
    assertEquals(keep ? 1 : 0, d.keep());
    assertEquals(big ? 1 : 0, d.e6());
    assertEquals(d.e6(), d.k5(), "tied");
    assertTrue(check(net, size, 3), "gradient check failed");
  }

  @ParameterizedTest(name = "se {0} stride {1} projection {2}")
  @CsvSource({"2, 1, false", "2, 2, true"})
  void softIndicatorsMatchFiniteDifferencesIncludingThresholds(int se, int stride, boolean projection) {
    int size = stride == 1 ? 4 : 6;
    ComputationGraph net = net(stride, se, projection, Relaxation.SOFT, size, 5 + stride);
    double[] n = Fixtures.block(net).state().norms().toArray();
    double[] t = {n[0] - 0.1, n[1] + 0.05, 0, n[3] + 0.2};
    net.setParam("blk_t", Nd4j.create(t, new long[] {1, 4}, 'c'));
    assertTrue(check(net, size, 5), "gradient check failed");
  }

  @Test
  void tiedStateReportsOneDecisionInBothSlots() {
    ComputationGraph net = net(1, 0, false, Relaxation.HARD, 4, 3);
    IndicatorState s = Fixtures.block(net).state();
    assertTrue(s.tied());
    assertEquals(s.norms().e6(), s.norms().k5());
    assertEquals(s.thresholds().e6(), s.thresholds().k5());
  }
}
