package dev.slimnas.supernet.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class BnActTest {
  private static DataType floatBefore;
  private static DataType defaultBefore;

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
    defaultBefore = Nd4j.dataType();
    floatBefore = Nd4j.defaultFloatingPointType();
  }

  @AfterEach
  void restoreTypes() {
    Nd4j.setDefaultDataTypes(defaultBefore, floatBefore);
  }

  /** conv -> [BnAct | DL4J BN + activation] -> pool -> softmax, in the given precision. */
  private static ComputationGraph net(DataType type, PointwiseActivation act, boolean fused, long seed) {
    var g = new NeuralNetConfiguration.Builder()
        .seed(seed).dataType(type).updater(type == DataType.DOUBLE ? new NoOp() : new Sgd(0.1))
        .weightInit(WeightInit.XAVIER)
        .graphBuilder()
        .addInputs("input")
        .setInputTypes(InputType.convolutional(4, 4, 2))
        .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nIn(2).nOut(3).convolutionMode(ConvolutionMode.Same)
            .activation(Activation.IDENTITY).build(), "input");
    if (fused) {
      g.addLayer("bn", new BnAct(3, 0.9, 1e-5, act), "conv");
    } else {
      g.addLayer("bn0", new BatchNormalization.Builder().nIn(3).nOut(3).decay(0.9).eps(1e-5).useLogStd(false).build(), "conv");
      Activation a = act == PointwiseActivation.RELU ? Activation.RELU
          : act == PointwiseActivation.RELU6 ? Activation.RELU6 : Activation.IDENTITY;
      g.addLayer("bn", new ActivationLayer.Builder().activation(a).build(), "bn0");
    }
    ComputationGraphConfiguration conf = g
        .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "bn")
        .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(3)
            .activation(Activation.SOFTMAX).build(), "pool")
        .setOutputs("output")
        .build();
    ComputationGraph net = new ComputationGraph(conf);
    net.init();
    return net;
  }

  private static INDArray labels(DataType type, int n) {
    INDArray y = Nd4j.zeros(type, n, 3);
    for (int i = 0; i < n; i++) {
      y.putScalar(i, i % 3, 1.0);
    }
    return y;
  }

  @ParameterizedTest
  @EnumSource(PointwiseActivation.class)
  void gradientMatchesFiniteDifferencesInDoublePrecision(PointwiseActivation act) {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    ComputationGraph net = net(DataType.DOUBLE, act, true, 21);
    Nd4j.getRandom().setSeed(5);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 2, 4, 4).muli(4).subi(2);
    boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
        .net(net).inputs(new INDArray[] {x}).labels(new INDArray[] {labels(DataType.DOUBLE, 5)})
        .epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-8)
        // running statistics are not trained by gradients (NoOp updater, moving averages)
        .excludeParams(java.util.Set.of("bn_mean", "bn_var"))
        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    assertTrue(ok, "analytic and numeric gradients differ for " + act);
  }

  @ParameterizedTest
  @EnumSource(PointwiseActivation.class)
  void trainsLikeDl4jsBatchNormPlusActivation(PointwiseActivation act) {
    ComputationGraph fused = net(DataType.FLOAT, act, true, 8);
    ComputationGraph plain = net(DataType.FLOAT, act, false, 8);
    Nd4j.getRandom().setSeed(9);
    INDArray x = Nd4j.rand(DataType.FLOAT, 6, 2, 4, 4).muli(4).subi(2);
    INDArray y = labels(DataType.FLOAT, 6);
    assertEquals(plain.feedForward(x, true).get("bn"), fused.feedForward(x, true).get("bn"));
    for (int step = 0; step < 3; step++) {
      fused.fit(new INDArray[] {x}, new INDArray[] {y});
      plain.fit(new INDArray[] {x}, new INDArray[] {y});
    }
    INDArray a = fused.getParam("bn_gamma");
    INDArray b = plain.getParam("bn0_gamma");
    assertTrue(a.equalsWithEps(b, 1e-4), a + " vs " + b);
    assertTrue(fused.getParam("conv_W").equalsWithEps(plain.getParam("conv_W"), 1e-4));
    assertTrue(fused.getParam("bn_mean").equalsWithEps(plain.getParam("bn0_mean"), 1e-4));
    // running variance: ours is unbiased (as PyTorch), DL4J's is the population variance
    assertTrue(fused.outputSingle(false, x).equalsWithEps(plain.outputSingle(false, x), 0.05));
  }

  @Test
  void configurationRoundTripsThroughJson() {
    ComputationGraphConfiguration conf = net(DataType.FLOAT, PointwiseActivation.RELU6, true, 1).getConfiguration();
    ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
    assertEquals(conf, back);
  }

  @Test
  void saveAndLoadGiveTheSameOutputs() throws IOException {
    ComputationGraph net = net(DataType.FLOAT, PointwiseActivation.RELU, true, 3);
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2, 4, 4);
    net.fit(new INDArray[] {x}, new INDArray[] {labels(DataType.FLOAT, 4)});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelSerializer.writeModel(net, bytes, true);
    ComputationGraph back = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
    assertEquals(net.outputSingle(false, x), back.outputSingle(false, x));
    assertEquals(net.outputSingle(true, x), back.outputSingle(true, x));
  }
}
