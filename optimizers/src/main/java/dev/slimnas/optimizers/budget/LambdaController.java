package dev.slimnas.optimizers.budget;

import java.util.Objects;

/**
 * The weight of the latency term over a search, one immutable state per step.
 *
 * <p>With a {@link LatencyTarget.Budget}, after each step the controller sees the latency of the
 * architecture the hard indicators currently select and sets
 * {@code lambda <- clamp(lambda * exp(gain * log(latency / (margin * budget))))}: over the target it
 * pushes harder, under it relaxes so accuracy can recover. Multiplicative, so the step is relative to
 * lambda's own scale (no tuning per device). The published method tunes lambda by hand per target.
 *
 * @param lambda the weight to use for the next step
 * @param steps how many observations the state has seen
 */
public record LambdaController(LatencyTarget target, double lambda, long steps) {
  public LambdaController {
    Objects.requireNonNull(target, "target");
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
    }
  }

  public static LambdaController start(LatencyTarget target) {
    return new LambdaController(target, target.initialLambda(), 0);
  }

  /** The state after a step whose current hard architecture has latency {@code hardLatencyMs}. */
  public LambdaController observe(double hardLatencyMs) {
    if (!(hardLatencyMs > 0) || Double.isInfinite(hardLatencyMs)) {
      throw new IllegalArgumentException("latency must be finite and > 0, got " + hardLatencyMs);
    }
    if (!(target instanceof LatencyTarget.Budget)) {
      return new LambdaController(target, lambda, steps + 1);
    }
    LatencyTarget.Budget b = (LatencyTarget.Budget) target;
    double error = Math.log(hardLatencyMs / (b.margin() * b.budgetMs()));
    double next = Math.min(b.maxLambda(), Math.max(b.minLambda(), lambda * Math.exp(b.gain() * error)));
    return new LambdaController(target, next, steps + 1);
  }
}
