package dev.slimnas.latency;

import dev.slimnas.latency.fit.WidthAwarePredictor;
import dev.slimnas.latency.profile.ProxylessFormat;
import dev.slimnas.latency.lut.ProxylessTable;
import dev.slimnas.latency.lut.SinglePathTable;
import dev.slimnas.latency.proxy.CostProxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The registered latency models by id; {@code pixel1-proxylessnas-fit} is the width-aware predictor
 * fitted on the ProxylessNAS Pixel 1 table (predicts any channel counts, e.g. for width search); tables are loaded (and checksum-verified) once, on first use. */
public final class LatencyModels {
  private static final Map<String, Supplier<LatencyModel>> REGISTRY = new LinkedHashMap<>();

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

  /** The model with this id; unknown ids give an error listing the known ones. */
  public static LatencyModel get(String id) {
    Supplier<LatencyModel> s = REGISTRY.get(id);
    if (s == null) {
      throw new IllegalArgumentException("unknown device '" + id + "'; known: " + names());
    }
    return s.get();
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
