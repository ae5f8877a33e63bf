package dev.slimnas.supernet.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The float kernel (straight on NCHW buffers) against the double reference kernel on Java arrays. */
class BnActKernelTest {

  @ParameterizedTest
  @CsvSource({"3, 5, 7, RELU6", "2, 4, 1, RELU", "4, 3, 64, IDENTITY", "1, 2, 9, RELU6"})
  void floatKernelOnBuffersMatchesTheDoubleReference(int batch, int channels, int spatial, PointwiseActivation act) {
    Random r = new Random(batch * 31L + channels * 7L + spatial);
    int n = batch * channels * spatial;
    double[] x = new double[n];
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      // per-channel offsets and scales, so the statistics matter; values straddle the clamp limits
      x[i] = 3 * r.nextGaussian() + (i / spatial % channels);
      e[i] = r.nextGaussian();
    }
    double[] gamma = new double[channels];
    double[] beta = new double[channels];
    for (int c = 0; c < channels; c++) {
      gamma[c] = 0.5 + r.nextDouble() * 2;
      beta[c] = r.nextGaussian() + 1;
    }
    BnActKernel ref = new BnActKernel(batch, channels, spatial, act);
    double[] mean = new double[channels];
    double[] invStd = new double[channels];
    ref.statistics(x, 1e-5, mean, invStd);
    double[] y = new double[n];
    ref.normalize(x, gamma, beta, mean, invStd, y);
    double[] dx = new double[n];
    double[] dGamma = new double[channels];
    double[] dBeta = new double[channels];
    ref.backward(x, e, gamma, beta, mean, invStd, dx, dGamma, dBeta);

    BnActKernelF k = new BnActKernelF(batch, channels, spatial, act);
    FloatBuffer xb = direct(x);
    FloatBuffer yb = direct(new double[n]);
    double[] meanF = new double[channels];
    double[] invStdF = new double[channels];
    k.forward(xb, 1e-5, gamma, beta, meanF, invStdF, yb);
    for (int c = 0; c < channels; c++) {
      assertEquals(mean[c], meanF[c], 1e-5 * (1 + Math.abs(mean[c])), "mean of channel " + c);
      assertEquals(invStd[c], invStdF[c], 1e-4 * invStd[c], "inverse std of channel " + c);
    }
    assertClose(y, yb, "output");

    FloatBuffer eb = direct(e);
    double[] dGammaF = new double[channels];
    double[] dBetaF = new double[channels];
    k.backward(xb, eb, gamma, beta, meanF, invStdF, eb, dGammaF, dBetaF); // dx written over e, as allowed
    assertClose(dx, eb, "input gradient");
    for (int c = 0; c < channels; c++) {
      assertEquals(dGamma[c], dGammaF[c], 1e-4 * (1 + Math.abs(dGamma[c])), "dGamma of channel " + c);
      assertEquals(dBeta[c], dBetaF[c], 1e-4 * (1 + Math.abs(dBeta[c])), "dBeta of channel " + c);
    }

    FloatBuffer inPlace = direct(x); // the forward pass may write over its input too
    k.forward(inPlace, 1e-5, gamma, beta, new double[channels], new double[channels], inPlace);
    assertClose(y, inPlace, "in-place output");
  }

  private static FloatBuffer direct(double[] v) {
    FloatBuffer b = ByteBuffer.allocateDirect(v.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    for (int i = 0; i < v.length; i++) {
      b.put(i, (float) v[i]);
    }
    return b;
  }

  private static void assertClose(double[] expected, FloatBuffer actual, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual.get(i), 1e-4 * (1 + Math.abs(expected[i])), what + " at " + i);
    }
  }
}
