package dev.slimnas.transfer.report;

import dev.slimnas.space.json.Json;
import dev.slimnas.transfer.overhead.Schedule;
import dev.slimnas.transfer.projection.Stacking;
import dev.slimnas.transfer.proxy.ProxySpec;
import java.util.Objects;

/**
 * What a transfer was given: the proxy and how it was optimised, the three architectures (by name and
 * {@link Json#fingerprint}), the stacking method, the divisor, the cost target ({@code none} or
 * {@code <metric> <= <value>}), whether the per-unit fill-up followed the uniform rescale, and the
 * multiplier bounds ({@code none} or {@code [lower, upper]}).
 */
public record TransferInputs(
    ProxySpec proxy,
    String optimizer,
    String proxyBaseline,
    String proxyBaselineFingerprint,
    String proxyOptimized,
    String proxyOptimizedFingerprint,
    String target,
    String targetFingerprint,
    Stacking stacking,
    int divisor,
    String costTarget,
    boolean fillUp,
    String widthBounds,
    Schedule proxySchedule,
    Schedule targetSchedule) {

  public TransferInputs {
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(stacking, "stacking");
    Objects.requireNonNull(costTarget, "costTarget");
    Objects.requireNonNull(widthBounds, "widthBounds");
    Objects.requireNonNull(proxySchedule, "proxySchedule");
    Objects.requireNonNull(targetSchedule, "targetSchedule");
    if (divisor < 1) {
      throw new IllegalArgumentException("divisor must be >= 1, got " + divisor);
    }
  }
}
