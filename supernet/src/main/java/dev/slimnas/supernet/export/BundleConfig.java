package dev.slimnas.supernet.export;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One width configuration of a slimmable bundle.
 *
 * @param widths one multiplier per width group of the bundle's family
 * @param accuracy accuracy measured when the bundle was made (see the manifest's {@code accuracyOn})
 * @param latencyMs predicted latency per device id
 * @param bnStatistics recalibrated BN running statistics of this sub-network, by DL4J parameter key
 *     ({@code vertex_mean}, {@code vertex_var})
 */
public record BundleConfig(List<Double> widths, double accuracy, Map<String, Double> latencyMs, Map<String, float[]> bnStatistics) {
  public BundleConfig {
    widths = List.copyOf(Objects.requireNonNull(widths, "widths"));
    latencyMs = Map.copyOf(Objects.requireNonNull(latencyMs, "latencyMs"));
    bnStatistics = Map.copyOf(Objects.requireNonNull(bnStatistics, "bnStatistics"));
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new IllegalArgumentException("accuracy must be in [0, 1], got " + accuracy);
    }
    latencyMs.forEach((device, ms) -> {
      if (ms == null || !(ms > 0) || ms.isInfinite()) {
        throw new IllegalArgumentException("latencyMs." + device + " must be a positive, finite number of milliseconds, got " + ms);
      }
    });
    for (Double w : widths) {
      if (w == null || !(w > 0) || w.isInfinite()) {
        throw new IllegalArgumentException("widths must be positive, finite multipliers, got " + w);
      }
    }
  }

  public double[] widthArray() {
    return widths.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
