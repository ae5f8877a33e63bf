package dev.slimnas.supernet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

/** The hand-written updaters against their formulas, and the optimizer-to-updater mapping. */
class UpdatersTest {
  static final double[] G = {1, -2, 0.5};
  static final LrCurve CURVE = new LrCurve(0.1, new LrSchedule.Cosine(1, 0), 2, 3);

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  static double[] gradient(int t) {
    double[] g = new double[G.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = G[i] * (t + 1) * (i == 1 && t == 1 ? -1 : 1);
    }
    return g;
  }

  @Test
  void heavyBallMomentumFollowsPyTorchsSgd() {
    INDArray view = Nd4j.zeros(DataType.DOUBLE, 1, G.length);
    GradientUpdater<?> u = new MomentumSgd(new CurveSchedule(CURVE), 0.9).instantiate(view, true);
    double[] v = new double[G.length];
    for (int t = 0; t < 4; t++) {
      double[] g = gradient(t);
      double lr = CURVE.at(t);
      double[] expected = new double[G.length];
      for (int i = 0; i < g.length; i++) {
        v[i] = 0.9 * v[i] + g[i];
        expected[i] = lr * v[i];
      }
      INDArray grad = Nd4j.createFromArray(g);
      u.applyUpdater(grad, t, 0);
      assertArrayEquals(expected, grad.toDoubleVector(), 1e-12, "update at step " + t);
      assertArrayEquals(v, view.toDoubleVector(), 1e-12, "state at step " + t);
    }
  }

  @Test
  void rmsPropFollowsTensorFlow1WithMeanSquareStartingAtOne() {
    double decay = 0.9;
    double eps = 1e-3;
    double mu = 0.9;
    INDArray view = Nd4j.zeros(DataType.DOUBLE, 1, 2 * G.length);
    GradientUpdater<?> u = new RmsPropTf(new CurveSchedule(CURVE), decay, eps, mu).instantiate(view, true);
    double[] ms = {1, 1, 1};
    double[] mom = new double[G.length];
    for (int t = 0; t < 4; t++) {
      double[] g = gradient(t);
      double lr = CURVE.at(t);
      for (int i = 0; i < g.length; i++) {
        ms[i] = decay * ms[i] + (1 - decay) * g[i] * g[i];
        mom[i] = mu * mom[i] + lr * g[i] / Math.sqrt(ms[i] + eps);
      }
      INDArray grad = Nd4j.createFromArray(g);
      u.applyUpdater(grad, t, 0);
      assertArrayEquals(mom, grad.toDoubleVector(), 1e-12, "update at step " + t);
      double[] state = view.toDoubleVector();
      for (int i = 0; i < G.length; i++) {
        assertEquals(ms[i], state[i], 1e-12);
        assertEquals(mom[i], state[G.length + i], 1e-12);
      }
    }
  }

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of(new Optimizer.Sgd(0.1, 0.9, true), Nesterovs.class),
        Arguments.of(new Optimizer.Sgd(0.1, 0.9, false), MomentumSgd.class),
        Arguments.of(new Optimizer.Sgd(0.1, 0, false), MomentumSgd.class),
        Arguments.of(new Optimizer.RmsProp(0.1, 0.9, 1e-3, 0.9), RmsPropTf.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void everyOptimizerBecomesADl4jUpdaterFollowingTheCurve(Optimizer o, Class<? extends IUpdater> type) {
    IUpdater u = o.updater(new CurveSchedule(CURVE));
    assertInstanceOf(type, u);
    for (int t = 0; t < 6; t++) {
      assertEquals(CURVE.at(t), u.getLearningRate(t, 0));
    }
    assertEquals(u, u.clone());
  }
}
