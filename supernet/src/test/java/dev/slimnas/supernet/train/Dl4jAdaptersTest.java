package dev.slimnas.supernet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/** The learning-rate schedule and updaters survive DL4J's JSON configuration and ModelSerializer. */
class Dl4jAdaptersTest {
  static final LrCurve CURVE = new LrCurve(0.05, new LrSchedule.Exponential(1, 0.97, 2.4), 4, 5);

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  static Stream<Optimizer> optimizers() {
    return Stream.of(new Optimizer.Sgd(0.05, 0.9, true), new Optimizer.Sgd(0.05, 0.9, false), new Optimizer.RmsProp(0.05, 0.9, 1e-3, 0.9));
  }

  static void fit(ComputationGraph g, int step) {
    Nd4j.getRandom().setSeed(100 + step);
    INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, TinyNet.SIZE, TinyNet.SIZE);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 8, TinyNet.CLASSES);
    for (int i = 0; i < 8; i++) {
      y.putScalar(i, i % TinyNet.CLASSES, 1);
    }
    Nd4j.getRandom().setSeed(200 + step);
    g.fit(new INDArray[] {x}, new INDArray[] {y});
  }

  @Test
  void curveScheduleGivesTheCurvesValuesAndClonesEqual() throws IOException, ClassNotFoundException {
    CurveSchedule s = new CurveSchedule(CURVE);
    for (int t = 0; t < 20; t++) {
      assertEquals(CURVE.at(t), s.valueAt(t, 99));
    }
    assertEquals(s, s.clone());
    assertNotEquals(s, new CurveSchedule(new LrCurve(0.05, CURVE.schedule(), 4, 6)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      CurveSchedule back = (CurveSchedule) in.readObject();
      assertEquals(CURVE, back.curve());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void updaterWithScheduleRoundTripsThroughTheGraphJson(Optimizer o) {
    IUpdater u = o.updater(new CurveSchedule(CURVE));
    ComputationGraph g = TinyNet.build(NetSettings.defaults(3).withUpdater(u));
    String json = g.getConfiguration().toJson();
    ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
    assertEquals(json, back.toJson());
    IUpdater restored = back.getVertices().values().stream()
        .filter(v -> v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex)
        .map(v -> ((org.deeplearning4j.nn.conf.graph.LayerVertex) v).getLayerConf().getLayer())
        .filter(l -> l instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer)
        .map(l -> l.getUpdaterByParam("W")).findFirst().orElseThrow();
    assertEquals(u, restored);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void savedAndRestoredNetworkContinuesExactlyAsTheOriginal(Optimizer o, @TempDir Path tmp) {
    ComputationGraph g = TinyNet.build(NetSettings.defaults(3).withUpdater(o.updater(new CurveSchedule(CURVE))));
    for (int s = 0; s < 3; s++) {
      fit(g, s);
    }
    Path f = tmp.resolve("net.zip");
    GraphFiles.write(g, f, true);
    ComputationGraph r = GraphFiles.read(f, true);
    assertEquals(3, r.getIterationCount());
    assertArrayEquals(g.params().toFloatVector(), r.params().toFloatVector());
    assertArrayEquals(g.getUpdater().getStateViewArray().toFloatVector(), r.getUpdater().getStateViewArray().toFloatVector());
    assertInstanceOf(CurveSchedule.class, learningRateSchedule(r));
    for (int s = 3; s < 5; s++) {
      fit(g, s);
      fit(r, s);
    }
    assertArrayEquals(g.params().toFloatVector(), r.params().toFloatVector());
    assertArrayEquals(g.getUpdater().getStateViewArray().toFloatVector(), r.getUpdater().getStateViewArray().toFloatVector());
  }

  private static Object learningRateSchedule(ComputationGraph g) {
    IUpdater u = g.getLayer("conv").conf().getLayer().getUpdaterByParam("W");
    return u instanceof org.nd4j.linalg.learning.config.Nesterovs n ? n.getLearningRateSchedule()
        : readField(u, "learningRateSchedule");
  }

  private static Object readField(Object o, String name) {
    try {
      var f = o.getClass().getDeclaredField(name);
      f.setAccessible(true);
      return f.get(o);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
