package dev.slimnas.transfer.overhead;

import java.util.Locale;
import java.util.Objects;

/**
 * The overhead accounting of a width transfer: what width optimisation costs on the proxy and what it
 * would cost on the target, and the reduction {@code target.totalMacs / proxy.totalMacs} (the paper's
 * "up to 320x less overhead").
 */
public record Overhead(OptimizationCost proxy, OptimizationCost target, double reduction) {
  public Overhead {
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(target, "target");
  }

  public static Overhead of(OptimizationCost proxy, OptimizationCost target) {
    return new Overhead(proxy, target, target.totalMacs() / proxy.totalMacs());
  }

  /** Three lines: proxy, target, reduction. */
  public String summary() {
    return "width-optimisation overhead (passes x forward MACs x images x epochs)\n"
        + "  proxy:  " + proxy.summary() + "\n"
        + "  target: " + target.summary() + "\n"
        + String.format(Locale.ROOT, "  reduction: %.4gx less on the proxy", reduction);
  }
}
