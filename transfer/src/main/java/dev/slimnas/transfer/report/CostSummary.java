package dev.slimnas.transfer.report;

import dev.slimnas.space.cost.Cost;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.spec.ArchSpec;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Exact MACs and parameters of a network ({@link CostModel}) and its predicted latency under each
 * latency model the transfer was given (milliseconds by model name; empty without models).
 */
public record CostSummary(long macs, long params, Map<String, Double> latencyMs) {
  public CostSummary {
    latencyMs = Map.copyOf(latencyMs);
  }

  public static CostSummary of(ArchSpec arch, Map<String, ToDoubleFunction<ArchSpec>> latencyModels) {
    Cost c = CostModel.of(arch);
    Map<String, Double> ms = new TreeMap<>();
    latencyModels.forEach((name, model) -> ms.put(name, model.applyAsDouble(arch)));
    return new CostSummary(c.macs(), c.params(), ms);
  }

  public String summary() {
    StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%.2f MMACs, %.4f M params",
        macs / 1e6, params / 1e6));
    new TreeMap<>(latencyMs).forEach((m, v) -> sb.append(String.format(java.util.Locale.ROOT, ", %.3f ms (%s)", v, m)));
    return sb.toString();
  }
}
