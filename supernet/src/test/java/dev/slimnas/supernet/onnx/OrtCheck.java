package dev.slimnas.supernet.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.net.VertexNames;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Test helper: runs exported models in ONNX Runtime (CPU, one thread) and compares them with DL4J. */
final class OrtCheck {
  private OrtCheck() {}

  /** How far ORT's output is from DL4J's: max |ort - dl4j| / max |dl4j| over the batch, and top-1 agreement. */
  record Agreement(double maxRelative, int top1Same, int images) {
    double top1() {
      return (double) top1Same / images;
    }

    Agreement plus(Agreement o) {
      return new Agreement(Math.max(maxRelative, o.maxRelative), top1Same + o.top1Same, images + o.images);
    }
  }

  static OrtSession session(byte[] model) throws OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    o.setIntraOpNumThreads(1);
    o.setInterOpNumThreads(1);
    return OrtEnvironment.getEnvironment().createSession(model, o);
  }

  /** The model's single output for {@code x} of {@code [n, c, h, w]}. */
  static float[][] run(OrtSession s, float[] x, long... shape) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
        OrtSession.Result r = s.run(Map.of(OnnxExporter.INPUT, t))) {
      return (float[][]) r.get(0).getValue();
    }
  }

  /** DL4J's inference output (softmax probabilities). */
  static float[][] dl4j(ComputationGraph g, float[] x, long... shape) {
    INDArray out = g.outputSingle(false, Nd4j.create(x, shape).castTo(g.params().dataType()));
    return out.castTo(DataType.FLOAT).toFloatMatrix();
  }

  /** DL4J's logits: the pooled features times the output layer's weights plus bias. */
  static float[][] dl4jLogits(ComputationGraph g, float[] x, long... shape) {
    Map<String, INDArray> acts = g.feedForward(Nd4j.create(x, shape).castTo(g.params().dataType()), false);
    INDArray pooled = acts.get(VertexNames.POOL);
    INDArray w = g.getLayer(VertexNames.OUTPUT).getParam("W");
    INDArray b = g.getLayer(VertexNames.OUTPUT).getParam("b");
    return pooled.mmul(w).addRowVector(b).castTo(DataType.FLOAT).toFloatMatrix();
  }

  static Agreement compare(float[][] ort, float[][] dl4j) {
    double maxAbs = 0;
    double maxDiff = 0;
    int same = 0;
    for (int i = 0; i < dl4j.length; i++) {
      for (int j = 0; j < dl4j[i].length; j++) {
        maxAbs = Math.max(maxAbs, Math.abs(dl4j[i][j]));
        maxDiff = Math.max(maxDiff, Math.abs(ort[i][j] - dl4j[i][j]));
      }
      same += argmax(ort[i]) == argmax(dl4j[i]) ? 1 : 0;
    }
    return new Agreement(maxDiff / Math.max(maxAbs, 1e-12), same, dl4j.length);
  }

  static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /** {@code n} standard-normal images of the architecture's input shape. */
  static float[] randomImages(ArchSpec arch, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int res = arch.input().resolution();
    float[] x = new float[n * arch.input().channels() * res * res];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) gaussian(r);
    }
    return x;
  }

  static long[] shape(ArchSpec arch, int n) {
    int res = arch.input().resolution();
    return new long[] {n, arch.input().channels(), res, res};
  }

  /**
   * Replaces the BN parameters and running statistics by non-trivial random values (gamma in [0.5, 1.5],
   * beta and mean in [-0.3, 0.3], variance in [0.3, 2]), so that folding and the inference formula matter.
   */
  static void randomiseBn(ComputationGraph g, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (Map.Entry<String, INDArray> e : g.paramTable().entrySet()) {
      String key = e.getKey();
      String p = key.substring(key.lastIndexOf('_') + 1);
      double lo;
      double hi;
      switch (p) {
        case "gamma": lo = 0.5; hi = 1.5; break;
        case "beta": case "mean": lo = -0.3; hi = 0.3; break;
        case "var": lo = 0.3; hi = 2.0; break;
        default: continue;
      }
      INDArray v = e.getValue().dup();
      for (long i = 0; i < v.length(); i++) {
        v.putScalar(i, lo + (hi - lo) * r.nextDouble());
      }
      g.setParam(key, v);
    }
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
