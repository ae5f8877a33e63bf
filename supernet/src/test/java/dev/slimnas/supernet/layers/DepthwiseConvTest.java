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
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class DepthwiseConvTest {
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

  /** conv 1x1 (so the depthwise layer's input gradient is used) -> depthwise -> pool -> softmax. */
  private static ComputationGraph net(DataType type, int k, int stride, int size, boolean ours) {
    Layer dw = ours ? DepthwiseConv.of(3, k, stride)
        : new DepthwiseConvolution2D.Builder(k, k).stride(stride, stride).nIn(3).nOut(3).depthMultiplier(1)
            .convolutionMode(ConvolutionMode.Same).hasBias(false).activation(Activation.IDENTITY).build();
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(4).dataType(type).updater(type == DataType.DOUBLE ? new NoOp() : new Sgd(0.5))
        .weightInit(WeightInit.XAVIER)
        .graphBuilder()
        .addInputs("input")
        .setInputTypes(InputType.convolutional(size, size, 2))
        .addLayer("pw", new ConvolutionLayer.Builder(1, 1).nIn(2).nOut(3).activation(Activation.TANH).build(), "input")
        .addLayer("dw", dw, "pw")
        .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "dw")
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
      y.putScalar(i, (i + 1) % 3, 1.0);
    }
    return y;
  }

  @ParameterizedTest(name = "k{0} stride {1} size {2}")
  @CsvSource({"3,1,5", "5,1,6", "3,2,6", "5,2,7"})
  void gradientMatchesFiniteDifferencesInDoublePrecision(int k, int stride, int size) {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    ComputationGraph net = net(DataType.DOUBLE, k, stride, size, true);
    Nd4j.getRandom().setSeed(2);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, size, size).subi(0.5);
    boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
        .net(net).inputs(new INDArray[] {x}).labels(new INDArray[] {labels(DataType.DOUBLE, 3)})
        .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    assertTrue(ok);
  }

  @ParameterizedTest(name = "k{0} stride {1} size {2}")
  @CsvSource({"3,1,8", "5,2,9"})
  void trainsExactlyLikeDl4jsLayer(int k, int stride, int size) {
    ComputationGraph ours = net(DataType.FLOAT, k, stride, size, true);
    ComputationGraph theirs = net(DataType.FLOAT, k, stride, size, false);
    assertEquals(theirs.params(), ours.params());
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2, size, size);
    for (int i = 0; i < 3; i++) {
      ours.fit(new INDArray[] {x}, new INDArray[] {labels(DataType.FLOAT, 4)});
      theirs.fit(new INDArray[] {x}, new INDArray[] {labels(DataType.FLOAT, 4)});
    }
    assertTrue(theirs.params().equalsWithEps(ours.params(), 1e-6));
  }

  @Test
  void configurationAndModelRoundTrip() throws IOException {
    ComputationGraph net = net(DataType.FLOAT, 5, 2, 9, true);
    ComputationGraphConfiguration conf = net.getConfiguration();
    assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 9, 9);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelSerializer.writeModel(net, bytes, true);
    ComputationGraph back = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
    assertEquals(net.outputSingle(false, x), back.outputSingle(false, x));
    assertTrue(back.getLayer("dw").getClass().getSimpleName().equals("DepthwiseConvLayer"));
  }
}
