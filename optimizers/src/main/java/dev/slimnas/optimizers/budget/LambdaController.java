package dev.slimnas.optimizers.budget;

import java.util.Objects;

/**
 * The weight of the latency term over a search, one immutable state per step: a multiplicative
 * integral controller on the <em>soft</em> latency with conditional integration (anti-windup).
 *
 * <p>With a {@link LatencyTarget.Budget}, after each step the controller sees two latencies of the
 * supernet: the hard one (the architecture the indicators select now, what the search returns) and the
 * soft one (the same latency function at relaxed indicators, {@link SoftIndicators}, which moves as soon as
 * a threshold moves toward its norm, long before the indicator flips). With the error
 * {@code e = log(soft / (margin * budget))} and the soft latency's last change {@code d = log(soft / last soft)}:
 * <ul>
 *   <li>moving toward the target fast enough to reach it within {@value #HORIZON_STEPS} steps
 *       ({@code d} of the other sign than {@code e} and {@code |e| <= HORIZON_STEPS |d|}): lambda is
 *       <b>held</b>. The plant is already responding; integrating on would only wind up (with Adam-trained
 *       thresholds a larger lambda does not move them faster, it only delays their return);
 *   <li>otherwise {@code lambda * exp(gain * e)}, and at least a factor {@code exp(gain)} in the direction
 *       of {@code e} while the soft latency moves away from the target (an overshoot building up under the
 *       target is cut by at least 10% per step at gain 0.1);
 * </ul>
 * then clamped to {@code [minLambda, maxLambda]}. Multiplicative, so every step is relative to lambda's
 * own scale (no tuning per device or budget). The published method tunes lambda by hand per target.
 * Without a soft latency ({@link #observe(double)}) the hard latency plays both parts; on a search it has
 * a dead time of ~60 steps, during which the first version of this controller (no hold, hard latency
 * only) wound lambda up to its cap: see the supernet README.
 *
 * @param lambda the weight to use for the next step
 * @param steps how many observations the state has seen
 * @param lastSoftMs the soft latency of the last observation (0 before the first), for the direction
 */
public record LambdaController(LatencyTarget target, double lambda, long steps, double lastSoftMs) {
  /** Lambda is held while the soft latency's last step, continued, would reach the target within this many steps. */
  public static final int HORIZON_STEPS = 50;

  public LambdaController {
    Objects.requireNonNull(target, "target");
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
    }
    if (!(lastSoftMs >= 0) || Double.isInfinite(lastSoftMs)) {
      throw new IllegalArgumentException("lastSoftMs must be finite and >= 0, got " + lastSoftMs);
    }
  }

  public static LambdaController start(LatencyTarget target) {
    return new LambdaController(target, target.initialLambda(), 0, 0);
  }

  /** The state after a step whose hard architecture has latency {@code hardLatencyMs} (used as the soft one too). */
  public LambdaController observe(double hardLatencyMs) {
    return observe(hardLatencyMs, hardLatencyMs);
  }

  /**
   * The state after a step whose hard architecture has latency {@code hardLatencyMs} and whose relaxed
   * indicators have latency {@code softLatencyMs}.
   */
  public LambdaController observe(double hardLatencyMs, double softLatencyMs) {
    requireLatency(hardLatencyMs, "hard latency");
    requireLatency(softLatencyMs, "soft latency");
    if (!(target instanceof LatencyTarget.Budget)) {
      return new LambdaController(target, lambda, steps + 1, softLatencyMs);
    }
    LatencyTarget.Budget b = (LatencyTarget.Budget) target;
    double error = Math.log(softLatencyMs / (b.margin() * b.budgetMs()));
    double change = lastSoftMs > 0 ? Math.log(softLatencyMs / lastSoftMs) : 0;
    boolean toward = change * error < 0;
    boolean away = change * error > 0;
    double logStep;
    if (toward && Math.abs(error) <= HORIZON_STEPS * Math.abs(change)) {
      logStep = 0;
    } else {
      logStep = b.gain() * error;
      if (away) {
        logStep = error > 0 ? Math.max(logStep, b.gain()) : Math.min(logStep, -b.gain());
      }
    }
    double next = Math.min(b.maxLambda(), Math.max(b.minLambda(), lambda * Math.exp(logStep)));
    return new LambdaController(target, next, steps + 1, softLatencyMs);
  }

  private static void requireLatency(double ms, String what) {
    if (!(ms > 0) || Double.isInfinite(ms)) {
      throw new IllegalArgumentException(what + " must be finite and > 0, got " + ms);
    }
  }
}
