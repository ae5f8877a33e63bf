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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** {@link DepthwiseConv} and {@link Conv}: DL4J's layers with the lean backward pass. */
class LeanConvLayersTest {
  /** Which layer is under test: ours and DL4J's twin. */
  enum Kind {
    DEPTHWISE, REGULAR;

    Layer ours(int k, int stride) {
      return this == DEPTHWISE ? DepthwiseConv.of(3, k, stride) : Conv.of(3, 3, k, stride);
    }

    Layer theirs(int k, int stride) {
      return this == DEPTHWISE
          ? new DepthwiseConvolution2D.Builder(k, k).stride(stride, stride).nIn(3).nOut(3).depthMultiplier(1)
              .convolutionMode(ConvolutionMode.Same).hasBias(false).activation(Activation.IDENTITY).build()
          : new ConvolutionLayer.Builder(k, k).stride(stride, stride).nIn(3).nOut(3)
              .convolutionMode(ConvolutionMode.Same).hasBias(false).activation(Activation.IDENTITY).build();
    }

    String runtimeClass() {
      return this == DEPTHWISE ? "DepthwiseConvLayer" : "ConvLayer";
    }
  }

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

  /** conv 1x1 (so the tested layer's input gradient is used) -> tested layer -> pool -> softmax. */
  private static ComputationGraph net(Kind kind, DataType type, int k, int stride, int size, boolean ours) {
    Layer dw = ours ? kind.ours(k, stride) : kind.theirs(k, stride);
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

  @ParameterizedTest(name = "{0} k{1} stride {2} size {3}")
  @CsvSource({"DEPTHWISE,3,1,5", "DEPTHWISE,5,1,6", "DEPTHWISE,3,2,6", "DEPTHWISE,5,2,7",
      "REGULAR,1,1,5", "REGULAR,3,2,6", "REGULAR,3,1,5"})
  void gradientMatchesFiniteDifferencesInDoublePrecision(Kind kind, int k, int stride, int size) {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    ComputationGraph net = net(kind, DataType.DOUBLE, k, stride, size, true);
    Nd4j.getRandom().setSeed(2);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, size, size).subi(0.5);
    boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
        .net(net).inputs(new INDArray[] {x}).labels(new INDArray[] {labels(DataType.DOUBLE, 3)})
        .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    assertTrue(ok);
  }

  @ParameterizedTest(name = "{0} k{1} stride {2} size {3}")
  @CsvSource({"DEPTHWISE,3,1,8", "DEPTHWISE,5,1,8", "DEPTHWISE,5,2,9", "REGULAR,1,1,8", "REGULAR,3,2,9"})
  void trainsExactlyLikeDl4jsLayer(Kind kind, int k, int stride, int size) {
    ComputationGraph ours = net(kind, DataType.FLOAT, k, stride, size, true);
    ComputationGraph theirs = net(kind, DataType.FLOAT, k, stride, size, false);
    assertEquals(theirs.params(), ours.params());
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2, size, size);
    for (int i = 0; i < 3; i++) {
      ours.fit(new INDArray[] {x}, new INDArray[] {labels(DataType.FLOAT, 4)});
      theirs.fit(new INDArray[] {x}, new INDArray[] {labels(DataType.FLOAT, 4)});
    }
    assertTrue(theirs.params().equalsWithEps(ours.params(), 1e-6));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void configurationAndModelRoundTrip(Kind kind) throws IOException {
    ComputationGraph net = net(kind, DataType.FLOAT, kind == Kind.DEPTHWISE ? 5 : 1, 2, 9, true);
    ComputationGraphConfiguration conf = net.getConfiguration();
    assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 9, 9);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelSerializer.writeModel(net, bytes, true);
    ComputationGraph back = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
    assertEquals(net.outputSingle(false, x), back.outputSingle(false, x));
    assertEquals(kind.runtimeClass(), back.getLayer("dw").getClass().getSimpleName());
  }
}
