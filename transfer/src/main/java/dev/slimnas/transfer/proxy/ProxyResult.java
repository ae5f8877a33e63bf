package dev.slimnas.transfer.proxy;

import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.transfer.overhead.Schedule;
import dev.slimnas.transfer.projection.ProxyRatios;
import java.util.Objects;

/**
 * What a width optimisation on a proxy produced: how the proxy was made, its baseline and optimised
 * architectures (same topology and ops), the optimiser, and the training it ran (for the overhead
 * accounting). The input of a transfer; JSON schema {@code slimnas.proxy-result}.
 *
 * @param optimizer name of the width optimiser, e.g. {@code joslim}, {@code nsga2-widths}, {@code greedy-slim}
 * @param schedule images per epoch (already reduced by the image fraction) and epochs of the optimisation
 */
public record ProxyResult(ProxySpec proxy, ArchSpec baseline, ArchSpec optimized, String optimizer, Schedule schedule) {
  public ProxyResult {
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(optimized, "optimized");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(schedule, "schedule");
    ProxyRatios.of(baseline, optimized);
  }

  /** The ratios {@code optimized / baseline} of every width unit. */
  public ProxyRatios ratios() {
    return ProxyRatios.of(baseline, optimized);
  }

  /**
   * The schedule the same optimisation would run on the target: every training image (the proxy's
   * images divided by the image fraction, rounded) for the same number of epochs.
   */
  public Schedule targetSchedule() {
    return new Schedule(Math.max(1, Math.round(schedule.images() / proxy.imageFraction())), schedule.epochs());
  }
}
