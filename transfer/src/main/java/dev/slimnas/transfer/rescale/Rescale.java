package dev.slimnas.transfer.rescale;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.transfer.projection.Projection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The rescale of a transfer: none (scale 1), a uniform scale found by bisection to meet a
 * {@link CostTarget}, or that scale followed by the per-unit {@link FillUp}. In JSON:
 * {@code {"type": "none"}}, {@code {"type": "bisection", ...}} or {@code {"type": "filled", ...}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Rescale.None.class, name = "none"),
    @JsonSubTypes.Type(value = Rescale.Bisection.class, name = "bisection"),
    @JsonSubTypes.Type(value = Rescale.Filled.class, name = "filled")})
public sealed interface Rescale permits Rescale.None, Rescale.Bisection, Rescale.Filled {

  /** The multiplier applied to every ratio. */
  double scale();

  /** The transferred architecture this rescale gives. */
  default ArchSpec apply(Projection projection) {
    return projection.apply(scale());
  }

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

  /**
   * A uniform rescale followed by the per-unit fill-up ({@link FillUp}).
   *
   * @param uniform the bisection the fill-up started from
   * @param steps divisor steps added per unit, in the order of the projection's rows
   * @param achieved the metric of the filled network ({@code <= uniform.target()})
   * @param evaluations networks measured by the fill-up
   */
  record Filled(Bisection uniform, List<Integer> steps, double achieved, int evaluations) implements Rescale {
    public Filled {
      Objects.requireNonNull(uniform, "uniform");
      steps = List.copyOf(steps);
    }

    @Override
    public double scale() {
      return uniform.scale();
    }

    @Override
    public ArchSpec apply(Projection projection) {
      return projection.apply(scale(), steps.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Units that grew. */
    public long grownUnits() {
      return steps.stream().filter(s -> s > 0).count();
    }

    @Override
    public String summary() {
      return String.format(Locale.ROOT, "%s; filled up %d divisor step(s) on %d unit(s): achieved %.6g (%.2f%% of target)",
          uniform.summary(), steps.stream().mapToInt(Integer::intValue).sum(), grownUnits(), achieved,
          100 * achieved / uniform.target());
    }
  }
}
