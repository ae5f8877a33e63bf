package dev.slimnas.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.slimnas.latency.profile.DeviceInfo;
import dev.slimnas.latency.profile.ProfilePlan;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.profile.LocalDevice;
import dev.slimnas.supernet.profile.PartGraphs;
import dev.slimnas.supernet.profile.PartModels;
import dev.slimnas.supernet.profile.PartRunner;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Profile parts in ONNX Runtime (CPU): each part's ONNX model ({@link PartModels}: cut out of the export of
 * the same carrier network the DL4J profiler cuts its graph from) in its own session with {@code threads}
 * intra-op threads, fed a random input of the part's shape.
 */
public final class OrtParts implements PartRunner {
  private final NetSettings net;
  private final int batch;
  private final int threads;
  private final long seed;

  public OrtParts(long seed, int batch, int threads) {
    if (batch < 1 || threads < 0) {
      throw new IllegalArgumentException("need batch >= 1 and threads >= 0, got " + batch + " and " + threads);
    }
    this.net = NetSettings.defaults(seed);
    this.batch = batch;
    this.threads = threads;
    this.seed = seed;
  }

  /** This machine as an ONNX Runtime device: CPU model, OS, runtime {@code ONNX Runtime <version> (CPU)}. */
  public static DeviceInfo device(String id, int threads, int batch) {
    DeviceInfo d = LocalDevice.describe(id, threads, batch);
    return new DeviceInfo(id, d.device(), d.cpu(), d.os(), "ONNX Runtime CPU (Java API), ONNX export opset "
        + dev.slimnas.supernet.onnx.OnnxExporter.OPSET + ", BN folded", OrtSessions.version(), d.precision(), threads, batch);
  }

  @Override
  public String runtime() {
    return OrtSessions.RUNTIME;
  }

  @Override
  public Prepared prepare(ProfilePlan.Item item) {
    byte[] model = PartModels.onnx(item.part(), item.activation(), net, batch);
    return session(model, PartGraphs.inputShape(item.part(), batch), threads, seed, item.part().key());
  }

  /** A session of {@code model} with a random input of {@code shape}; the call runs it once. */
  static Prepared session(byte[] model, long[] shape, int threads, long seed, String what) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] x = new float[Math.toIntExact(n)];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    OrtSession s = null;
    OnnxTensor t = null;
    try (OrtSession.SessionOptions o = OrtSessions.options(threads)) {
      s = env.createSession(model, o);
      t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
    } catch (OrtException e) {
      close(s, t);
      throw new IllegalStateException("ONNX Runtime cannot load the model of " + what + ": " + e.getMessage(), e);
    }
    OrtSession session = s;
    OnnxTensor tensor = t;
    String input = session.getInputNames().iterator().next();
    Map<String, OnnxTensor> feed = Map.of(input, tensor);
    return new Prepared() {
      @Override
      public void call() {
        try (OrtSession.Result out = session.run(feed)) {
          if (out.size() != 1) {
            throw new IllegalStateException(what + ": expected one output, got " + out.size());
          }
        } catch (OrtException e) {
          throw new IllegalStateException("ONNX Runtime failed on " + what + ": " + e.getMessage(), e);
        }
      }

      @Override
      public void close() {
        OrtParts.close(session, tensor);
      }
    };
  }

  private static void close(OrtSession s, OnnxTensor t) {
    if (t != null) {
      t.close();
    }
    if (s != null) {
      try {
        s.close();
      } catch (OrtException e) {
        throw new IllegalStateException("closing an ONNX Runtime session failed: " + e.getMessage(), e);
      }
    }
  }
}
