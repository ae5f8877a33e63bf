package dev.slimnas.transfer.rescale;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Locale;
import java.util.Objects;

/**
 * The uniform rescale of a transfer: none (scale 1), or a scale found by bisection to meet a
 * {@link CostTarget}. In JSON: {@code {"type": "none"}} or {@code {"type": "bisection", ...}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Rescale.None.class, name = "none"),
    @JsonSubTypes.Type(value = Rescale.Bisection.class, name = "bisection")})
public sealed interface Rescale permits Rescale.None, Rescale.Bisection {

  /** The multiplier applied to every ratio. */
  double scale();

  /** One line for logs. */
  String summary();

  record None() implements Rescale {
    @Override
    public double scale() {
      return 1.0;
    }

    @Override
    public String summary() {
      return "no rescale (scale 1)";
    }
  }

  /**
   * The largest scale found whose network meets the target, and the bracket that proves it: the network
   * at {@code nextScale} (at most a relative 1e-9 above {@code scale}) exceeds the target, so
   * {@code achieved <= target < nextCost}, and the two networks differ by at most one divisor step per
   * unit.
   *
   * @param metric {@link CostTarget#metric()}
   * @param unscaled the metric at scale 1
   * @param evaluations networks measured
   */
  record Bisection(String metric, double target, double scale, double achieved, double nextScale, double nextCost,
      double unscaled, int evaluations) implements Rescale {
    public Bisection {
      Objects.requireNonNull(metric, "metric");
      if (!(scale > 0) || !(nextScale > scale)) {
        throw new IllegalArgumentException("need 0 < scale < nextScale, got " + scale + ", " + nextScale);
      }
    }

    @Override
    public String summary() {
      return String.format(Locale.ROOT, "rescaled x%.4f to %s target %.6g: achieved %.6g (%.2f%% of target; next step %.6g), "
          + "unscaled %.6g, %d evaluations", scale, metric, target, achieved, 100 * achieved / target, nextCost, unscaled,
          evaluations);
    }
  }
}
