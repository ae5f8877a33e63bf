package dev.slimnas.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.slimnas.latency.profile.Measurement;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.onnx.OnnxExporter;
import dev.slimnas.supernet.profile.LatencyMeter;
import dev.slimnas.supernet.profile.MeterSettings;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * End-to-end inference latency of an architecture in ONNX Runtime (CPU): the DL4J network of the
 * architecture (weights from the settings' seed) exported with BN folded, one session with {@code threads}
 * intra-op threads (1: the work runs on the calling thread, so the thread-CPU clock applies), timed by
 * {@link LatencyMeter} with the project's settings (warm-up, rounds, Tukey outliers, median and IQR).
 */
public final class OrtLatency {
  private OrtLatency() {}

  public static Measurement measure(ArchSpec arch, MeterSettings settings, int threads) {
    byte[] model = OnnxExporter.builder(arch).build().toBytes(Networks.build(arch, NetSettings.defaults(settings.seed())));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    int res = arch.input().resolution();
    long[] shape = {settings.batch(), arch.input().channels(), res, res};
    float[] x = new float[Math.toIntExact(shape[0] * shape[1] * shape[2] * shape[3])];
    SplittableRandom r = new SplittableRandom(settings.seed());
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setIntraOpNumThreads(threads);
      o.setInterOpNumThreads(1);
      o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      try (OrtSession s = env.createSession(model, o);
          OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape)) {
        Map<String, OnnxTensor> feed = Map.of(OnnxExporter.INPUT, t);
        return new LatencyMeter(settings).measure(() -> {
          try (OrtSession.Result out = s.run(feed)) {
            if (out.size() != 1) {
              throw new IllegalStateException("expected one output, got " + out.size());
            }
          } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + arch.name() + ": " + e.getMessage(), e);
          }
        });
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load the exported " + arch.name() + ": " + e.getMessage(), e);
    }
  }
}
