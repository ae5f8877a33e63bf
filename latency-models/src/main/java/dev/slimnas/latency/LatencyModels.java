package dev.slimnas.latency;

import dev.slimnas.latency.fit.WidthAwarePredictor;
import dev.slimnas.latency.profile.LatencyProfile;
import dev.slimnas.latency.profile.ProxylessFormat;
import dev.slimnas.latency.lut.ProxylessTable;
import dev.slimnas.latency.lut.SinglePathTable;
import dev.slimnas.latency.proxy.CostProxy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The registered latency models by id; {@code pixel1-proxylessnas-fit} is the width-aware predictor
 * fitted on the ProxylessNAS Pixel 1 table (predicts any channel counts, e.g. for width search); tables are loaded (and checksum-verified) once, on first use.
 * Besides the ids, {@link #get} takes the path of a profile file ({@code .json} from {@code slimnas latency profile},
 * e.g. one measured in ONNX Runtime on this machine): the width-aware predictor fitted on it, so a search can run
 * for the device on the user's desk. */
public final class LatencyModels {
  private static final Map<String, Supplier<LatencyModel>> REGISTRY = new LinkedHashMap<>();
  private static final Map<String, Supplier<LatencyModel>> FITTED = new java.util.concurrent.ConcurrentHashMap<>();

  static {
    REGISTRY.put(SinglePathTable.ID, memo(SinglePathTable::load));
    REGISTRY.put(ProxylessTable.ID, memo(ProxylessTable::load));
    REGISTRY.put(ProxylessTable.ID + WidthAwarePredictor.ID_SUFFIX, memo(() -> WidthAwarePredictor.fit(ProxylessFormat.pixel1())));
    REGISTRY.put("macs", memo(() -> new CostProxy(CostProxy.Kind.MACS)));
    REGISTRY.put("params", memo(() -> new CostProxy(CostProxy.Kind.PARAMS)));
  }

  private LatencyModels() {}

  public static List<String> names() {
    return List.copyOf(REGISTRY.keySet());
  }

  /**
   * The model with this id, or the width-aware predictor fitted on the profile file {@code id} names (a path
   * ending in {@code .json}); unknown ids give an error listing the known ones.
   */
  public static LatencyModel get(String id) {
    Supplier<LatencyModel> s = REGISTRY.get(id);
    if (s == null && isProfileFile(id)) {
      s = FITTED.computeIfAbsent(Path.of(id).toAbsolutePath().normalize().toString(),
          k -> memo(() -> WidthAwarePredictor.fit(LatencyProfile.read(Path.of(k)))));
    }
    if (s == null) {
      throw new IllegalArgumentException("unknown device '" + id + "'; known: " + names()
          + ", or a profile file (.json) made by 'slimnas latency profile'");
    }
    return s.get();
  }

  /** True when {@code id} names a profile file rather than a registered model: it ends in {@code .json}. */
  public static boolean isProfileFile(String id) {
    return id.endsWith(".json") && !REGISTRY.containsKey(id);
  }

  private static Supplier<LatencyModel> memo(Supplier<LatencyModel> s) {
    return new Supplier<>() {
      private volatile LatencyModel value;

      @Override
      public LatencyModel get() {
        LatencyModel v = value;
        if (v == null) {
          synchronized (this) {
            v = value;
            if (v == null) {
              v = s.get();
              value = v;
            }
          }
        }
        return v;
      }
    };
  }
}
