package dev.slimnas.latency;

import java.util.List;

/**
 * A prediction split into parts.
 *
 * @param fixed the part that does not depend on the blocks (stem, head, classifier, fixed overhead)
 * @param blocks one value per block of the architecture (0 for a skipped block)
 * @param unit unit of all values
 */
public record LatencyBreakdown(double fixed, List<Double> blocks, String unit) {
  public LatencyBreakdown {
    blocks = List.copyOf(blocks);
  }

  public double total() {
    return fixed + blocks.stream().mapToDouble(Double::doubleValue).sum();
  }
}
