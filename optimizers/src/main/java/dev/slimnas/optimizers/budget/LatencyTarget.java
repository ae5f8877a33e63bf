package dev.slimnas.optimizers.budget;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How the latency term of a differentiable search is weighted: a fixed {@code lambda} (as published),
 * or a latency budget for which {@link LambdaController} adapts lambda during the search.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LatencyTarget.Fixed.class, name = "fixed"),
    @JsonSubTypes.Type(value = LatencyTarget.Budget.class, name = "budget")})
public sealed interface LatencyTarget permits LatencyTarget.Fixed, LatencyTarget.Budget {

  /** Lambda at the first step after warm-up. */
  double initialLambda();

  /** A constant lambda (the published run used 0.02). */
  record Fixed(double lambda) implements LatencyTarget {
    public Fixed {
      if (!(lambda >= 0) || Double.isInfinite(lambda)) {
        throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
      }
    }

    @Override
    public double initialLambda() {
      return lambda;
    }
  }

  /**
   * Land at or under {@code budgetMs}. Lambda follows a multiplicative controller on
   * {@code log(latency / (margin * budget))} with gain {@code gain} per step, clamped to
   * {@code [minLambda, maxLambda]}; see {@link LambdaController}.
   *
   * @param margin target as a fraction of the budget (e.g. 0.97: aim 3% under, since the hard
   *     architecture at the end may sit anywhere in the band the controller oscillates in)
   */
  record Budget(double budgetMs, double initialLambda, double gain, double margin, double minLambda, double maxLambda)
      implements LatencyTarget {
    public Budget {
      require(budgetMs > 0 && Double.isFinite(budgetMs), "budgetMs must be > 0, got " + budgetMs);
      require(initialLambda >= 0 && Double.isFinite(initialLambda), "initialLambda must be >= 0, got " + initialLambda);
      require(gain > 0 && gain <= 1, "gain must be in (0, 1], got " + gain);
      require(margin > 0 && margin <= 1, "margin must be in (0, 1], got " + margin);
      require(minLambda > 0 && minLambda <= maxLambda, "need 0 < minLambda <= maxLambda, got " + minLambda + ", " + maxLambda);
      require(initialLambda >= minLambda && initialLambda <= maxLambda,
          "initialLambda " + initialLambda + " must lie in [minLambda, maxLambda] = [" + minLambda + ", " + maxLambda + "]");
    }

    /** Budget with the defaults: start at 0.02, gain 0.05, aim at 97% of the budget, lambda in [1e-4, 2]. */
    public static Budget of(double budgetMs) {
      return new Budget(budgetMs, 0.02, 0.05, 0.97, 1e-4, 2.0);
    }

    /** The same controller settings for another budget. */
    public Budget withBudgetMs(double ms) {
      return new Budget(ms, initialLambda, gain, margin, minLambda, maxLambda);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
