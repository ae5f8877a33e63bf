package dev.slimnas.latency.fit;

import dev.slimnas.latency.profile.BlockShape;
import dev.slimnas.latency.profile.DeviceInfo;
import dev.slimnas.latency.profile.HeadShape;
import dev.slimnas.latency.profile.LatencyProfile;
import dev.slimnas.latency.profile.Measurement;
import dev.slimnas.latency.profile.ProfileEntry;
import dev.slimnas.latency.profile.StemShape;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Profiles whose latencies follow a known linear truth, for tests. */
final class Synthetic {
  static final DeviceInfo DEVICE = new DeviceInfo("synthetic", "test device", "unknown", "unknown", "none", "unknown",
      "fp32", 1, 1);

  private Synthetic() {}

  /** A positive coefficient vector for every feature (ms per unit), scaled to give ~0.1-10 ms blocks. */
  static double[] truth(BlockFeatures f) {
    double[] w = new double[f.size()];
    for (int i = 0; i < w.length; i++) {
      String n = f.names().get(i);
      w[i] = n.endsWith(".macs") ? 1e-7 * (1 + i % 3) : n.endsWith(".elems") ? 2e-6 : n.endsWith(".weights") ? 3e-6
          : n.endsWith(".unit") ? 0.01 : 0.05;
    }
    return w;
  }

  /** Every block shape of {@code archs} random architectures of {@code space}, all ops of each block. */
  static LatencyProfile profile(SearchSpace space, int archs, long seed, double overheadMs, BlockFeatures f, double[] w) {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, ProfileEntry> entries = new LinkedHashMap<>();
    for (int a = 0; a < archs; a++) {
      ArchSpec arch = space.sampleUniform(r);
      var enc = space.encode(arch);
      for (int b = 0; b < space.blockCount(); b++) {
        for (int o = 0; o < space.blocks().get(b).ops().size(); o++) {
          BlockLayout l = space.decode(enc.withOp(b, o)).layout().get(b);
          if (!l.op().isSkip()) {
            BlockShape s = BlockShape.of(l);
            entries.put(s.key(), new ProfileEntry(s, Measurement.of(FixedFeatures.dot(w, f.of(s)) + overheadMs)));
          }
        }
      }
      StemShape st = StemShape.of(arch);
      entries.put(st.key(), new ProfileEntry(st, Measurement.of(stemTruth(st) + overheadMs)));
      HeadShape h = HeadShape.of(arch);
      entries.put(h.key(), new ProfileEntry(h, Measurement.of(headTruth(h) + overheadMs)));
    }
    return new LatencyProfile(DEVICE, "wall", "median", "iqr", Map.of(), entries.values().stream().toList());
  }

  static double stemTruth(StemShape s) {
    return FixedFeatures.dot(new double[] {0.02, 2e-7, 1e-6, 1e-6, 0}, FixedFeatures.stem(s));
  }

  static double headTruth(HeadShape h) {
    return FixedFeatures.dot(new double[] {0.03, 1e-7, 1e-6, 2e-6, 1e-6, 1e-6}, FixedFeatures.head(h));
  }
}
