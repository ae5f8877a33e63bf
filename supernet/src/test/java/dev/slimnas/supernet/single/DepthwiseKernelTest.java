package dev.slimnas.supernet.single;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.supernet.nd4j.Nd4jSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
    NdOps.depthwiseBackward(x, weights, dy, stride, dx, dw);
    int[] pad = NdOps.samePadding(x, k, stride);
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
  }
}
