package dev.slimnas.ort;

import dev.slimnas.latency.profile.Measurement;
import dev.slimnas.latency.profile.NetworkShape;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.profile.LatencyMeter;
import dev.slimnas.supernet.profile.MeterSettings;
import dev.slimnas.supernet.profile.PartGraphs;
import dev.slimnas.supernet.profile.PartModels;
import dev.slimnas.supernet.profile.PartRunner;

/**
 * End-to-end inference latency of an architecture in ONNX Runtime (CPU): the DL4J network of the
 * architecture (weights from the settings' seed) exported with BN folded, one session with {@code threads}
 * intra-op threads (1: the work runs on the calling thread, so the thread-CPU clock applies), timed by
 * {@link LatencyMeter} with the project's settings (warm-up, rounds, Tukey outliers, median and IQR).
 */
public final class OrtLatency {
  private OrtLatency() {}

  public static Measurement measure(ArchSpec arch, MeterSettings settings, int threads) {
    NetworkShape whole = new NetworkShape(arch);
    byte[] model = PartModels.onnx(whole, arch.activation(), NetSettings.defaults(settings.seed()), settings.batch());
    return measure(model, PartGraphs.inputShape(whole, settings.batch()), settings, threads, arch.name());
  }

  /** The latency of a serialised ONNX model (e.g. an exported file, with its trained weights) on a random input of {@code shape}. */
  public static Measurement measure(byte[] model, long[] shape, MeterSettings settings, int threads, String what) {
    try (PartRunner.Prepared p = OrtParts.session(model, shape, threads, settings.seed(), what)) {
      return new LatencyMeter(settings).measure(p::call);
    }
  }
}
