package dev.slimnas.supernet.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.slimnas.latency.profile.BlockShape;
import dev.slimnas.latency.profile.CallOverhead;
import dev.slimnas.latency.profile.HeadShape;
import dev.slimnas.latency.profile.NetworkShape;
import dev.slimnas.latency.profile.ProfilePart;
import dev.slimnas.latency.profile.StemShape;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.Activation;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ONNX model of a profile part computes what the DL4J part graph computes (same weights, BN with random
 * statistics, folded), and holds only the part's nodes: the ONNX Runtime profile times the same work as the
 * DL4J one.
 */
class PartModelsTest {
  static final NetSettings S = NetSettings.defaults(3);

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  static Stream<ProfilePart> parts() {
    return Stream.of(
        new BlockShape(8, 16, 24, 2, BlockOp.mbconv(3, 6), 96, 0),
        new BlockShape(8, 24, 24, 1, BlockOp.mbconv(5, 3), 72, 0),
        new BlockShape(8, 32, 16, 1, BlockOp.mbconv(3, 1), 32, 0),
        new BlockShape(7, 24, 24, 1, BlockOp.mbconv(5, 6, true), 144, 8),
        new StemShape(16, 3, 3, 2, 24),
        new HeadShape(4, 40, 64, 10));
  }

  @ParameterizedTest
  @MethodSource("parts")
  void aPartsOnnxModelEqualsItsDl4jGraph(ProfilePart part) throws Exception {
    PartGraphs.Carrier c = PartGraphs.carrier(part, Activation.RELU6);
    ComputationGraph carrier = Networks.build(c.arch(), S);
    randomiseBn(carrier, 11);
    ModelProto m = PartModels.cut(part, c, carrier, 2);
    for (NodeProto n : m.getGraph().getNodeList()) {
      assertTrue(c.keep().test(n.getName()), part.key() + ": node " + n.getName() + " is not the part's");
    }
    ComputationGraph g = PartGraphs.build(part, Activation.RELU6, S);
    for (String key : g.paramTable().keySet()) {
      g.setParam(key, carrier.getParam(key).dup());
    }
    long[] shape = PartGraphs.inputShape(part, 2);
    float[] x = random(shape, 5);
    INDArray dl4j = g.output(false, Nd4j.create(x, shape))[0].castTo(DataType.FLOAT);
    float[] ort = run(m.toByteArray(), x, shape);
    float[] want = dl4j.data().asFloat();
    assertEquals(want.length, ort.length, part.key());
    double max = 0;
    double diff = 0;
    for (int i = 0; i < want.length; i++) {
      max = Math.max(max, Math.abs(want[i]));
      diff = Math.max(diff, Math.abs(want[i] - ort[i]));
    }
    assertTrue(diff <= 1e-4 * max, part.key() + ": max |ORT - DL4J| " + diff + " against max |DL4J| " + max);
  }

  @Test
  void theOverheadIsOneIdentityAndANetworkIsTheWholeExport() throws Exception {
    ModelProto o = PartModels.model(new CallOverhead(1, 1), Activation.RELU, S, 1);
    assertEquals(1, o.getGraph().getNodeCount());
    assertEquals("Identity", o.getGraph().getNode(0).getOpType());
    assertArrayEquals(new float[] {0.25f}, run(o.toByteArray(), new float[] {0.25f}, new long[] {1, 1, 1, 1}));
    var arch = SearchSpaces.get("spnas-cifar", 0.25).max();
    ModelProto n = PartModels.model(new NetworkShape(arch), arch.activation(), S, 1);
    assertEquals(arch.name(), n.getGraph().getName());
    assertEquals(10, run(n.toByteArray(), random(PartGraphs.inputShape(new NetworkShape(arch), 1), 1),
        PartGraphs.inputShape(new NetworkShape(arch), 1)).length);
  }

  static float[] run(byte[] model, float[] x, long[] shape) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setIntraOpNumThreads(1);
      try (OrtSession s = env.createSession(model, o); OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
          OrtSession.Result r = s.run(Map.of("input", t))) {
        FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
      }
    }
  }

  static float[] random(long[] shape, long seed) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[Math.toIntExact(n)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (2 * r.nextDouble() - 1);
    }
    return x;
  }

  /** Non-trivial BN statistics, so folding matters (gamma, var in [0.5, 1.5], beta, mean in [-0.3, 0.3]). */
  static void randomiseBn(ComputationGraph g, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (Map.Entry<String, INDArray> e : g.paramTable().entrySet()) {
      String p = e.getKey().substring(e.getKey().lastIndexOf('_') + 1);
      boolean scale = p.equals("gamma") || p.equals("var");
      if (!scale && !p.equals("beta") && !p.equals("mean")) {
        continue;
      }
      INDArray v = e.getValue().dup();
      for (long i = 0; i < v.length(); i++) {
        v.putScalar(i, scale ? 0.5 + r.nextDouble() : 0.6 * r.nextDouble() - 0.3);
      }
      g.setParam(e.getKey(), v);
    }
  }
}
