package dev.slimnas.supernet.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.supernet.nd4j.Nd4jSetup;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.util.ConvolutionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** The Java depthwise backward pass equals ND4J's {@code depthwise_conv2d_bp} with DL4J's "same" padding. */
class DepthwiseKernelTest {
  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  @ParameterizedTest(name = "k{0} stride {1} {2}x{3}")
  @CsvSource({"5, 1, 7, 7", "5, 1, 4, 6", "5, 2, 8, 8", "5, 2, 7, 9", "3, 1, 5, 5", "3, 2, 9, 6", "5, 1, 1, 1"})
  void matchesNd4jInDoubleAndFloat(int k, int stride, int h, int w) {
    Nd4j.getRandom().setSeed(k * 31L + stride * 7L + h);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 3, h, w);
    INDArray weights = Nd4j.randn(DataType.DOUBLE, k, k, 3, 1);
    int oh = (h + stride - 1) / stride;
    int ow = (w + stride - 1) / stride;
    INDArray dy = Nd4j.randn(DataType.DOUBLE, 2, 3, oh, ow);
    INDArray dx = Nd4j.zeros(DataType.DOUBLE, 2, 3, h, w);
    INDArray dw = Nd4j.zeros(DataType.DOUBLE, k, k, 3, 1);
    int[] pad = samePadding(x, k, stride);
    Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d_bp").addInputs(x, weights, dy)
        .addIntegerArguments(k, k, stride, stride, pad[0], pad[1], 1, 1, 1, 0).addOutputs(dx, dw).callInplace(false)
        .build());
    double[] wv = weights.data().asDouble();

    double[] dxd = new double[(int) dx.length()];
    double[] dwd = new double[wv.length];
    new DepthwiseKernel(2, 3, h, w, k, stride, pad[0], pad[1]).backward(x.data().asDouble(), wv, dy.data().asDouble(),
        dxd, dwd);
    assertTrue(dx.equalsWithEps(Nd4j.create(dxd, dx.shape(), 'c'), 1e-12), "double dx");
    assertTrue(dw.equalsWithEps(Nd4j.create(dwd, dw.shape(), 'c'), 1e-12), "double dw");

    float[] dxf = new float[dxd.length];
    double[] dwf = new double[wv.length];
    new DepthwiseKernelF(2, 3, h, w, k, stride, pad[0], pad[1]).backward(x.castTo(DataType.FLOAT).data().asFloat(), wv,
        dy.castTo(DataType.FLOAT).data().asFloat(), dxf, dwf);
    assertTrue(dx.castTo(DataType.FLOAT).equalsWithEps(Nd4j.create(dxf, dx.shape(), 'c'), 1e-4), "float dx");
    assertTrue(dw.equalsWithEps(Nd4j.create(dwf, dw.shape(), 'c'), 1e-4), "float dw");

    for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) { // the INDArray entry point
      INDArray dxa = Nd4j.zeros(type, 2, 3, h, w);
      INDArray dwa = Nd4j.zeros(type, k, k, 3, 1);
      DepthwiseBackward.run(x.castTo(type), weights.castTo(type), dy.castTo(type), k, stride, pad[0], pad[1], dxa, dwa);
      double eps = type == DataType.DOUBLE ? 1e-12 : 1e-4;
      assertTrue(dx.castTo(type).equalsWithEps(dxa, eps), type + " dx through DepthwiseBackward");
      assertTrue(dw.castTo(type).equalsWithEps(dwa, eps), type + " dw through DepthwiseBackward");
    }
  }

  private static int[] samePadding(INDArray x, int k, int s) {
    int[] kernel = {k, k};
    int[] stride = {s, s};
    int[] dilation = {1, 1};
    int[] out = ConvolutionUtils.getOutputSize(x, kernel, stride, null, ConvolutionMode.Same, dilation, CNN2DFormat.NCHW);
    return ConvolutionUtils.getSameModeTopLeftPadding(out, new int[] {(int) x.size(2), (int) x.size(3)}, kernel, stride,
        dilation);
  }
}
