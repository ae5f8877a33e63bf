package dev.slimnas.transfer.projection;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * How the hidden-width ratios of a proxy stage are stacked onto a target stage with another number of
 * blocks (width transfer, arXiv:2104.13255, section "layer stacking"; the paper's exact definitions are
 * not public, these two are ours). Both read the proxy's hidden units of the stage as samples
 * {@code (relative depth, ratio)} (see {@link RelativeDepth}) and give the ratio at a target block's
 * relative depth. Stages of equal length map onto each other exactly under both methods.
 *
 * <p>In JSON and on the command line a method is its code: {@code "nearest"} or {@code "linear"}.
 */
public sealed interface Stacking permits Stacking.Nearest, Stacking.Linear {

  Stacking NEAREST = new Nearest();
  Stacking LINEAR = new Linear();

  /** Every method, for parameterised tests and listings. */
  static List<Stacking> all() {
    return List.of(NEAREST, LINEAR);
  }

  @JsonCreator
  static Stacking parse(String code) {
    String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    for (Stacking s : all()) {
      if (s.code().equals(c)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown stacking '" + code + "'; known: "
        + all().stream().map(Stacking::code).toList());
  }

  @JsonValue
  String code();

  /**
   * The ratio at {@code depth} from {@code samples} (non-empty, ascending by relative depth).
   */
  double ratio(List<UnitRatio> samples, double depth);

  /**
   * The proxy sample nearest to {@code depth}; on a tie the shallower one. Also names the source of a
   * row in the report for either method.
   */
  static UnitRatio nearest(List<UnitRatio> samples, double depth) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no proxy samples to stack");
    }
    UnitRatio best = samples.get(0);
    for (UnitRatio u : samples) {
      if (Math.abs(u.relativeDepth() - depth) < Math.abs(best.relativeDepth() - depth) - 1e-12) {
        best = u;
      }
    }
    return best;
  }

  /**
   * Nearest: each target block repeats the ratio of the proxy block whose relative depth is nearest
   * (ties go to the shallower block). Proxy [a, b] onto 4 blocks gives [a, a, b, b]; onto 3 blocks
   * [a, a, b] (the middle block is a tie).
   */
  record Nearest() implements Stacking {
    @Override
    public String code() {
      return "nearest";
    }

    @Override
    public double ratio(List<UnitRatio> samples, double depth) {
      return Stacking.nearest(samples, depth).ratio();
    }

    @Override
    public String toString() {
      return code();
    }
  }

  /**
   * Linear: the piecewise-linear interpolation of the proxy's ratios over relative depth, constant
   * before the first and after the last sample. Proxy [0.5, 1.0] (depths 0.25, 0.75) onto 4 blocks
   * (depths 0.125, 0.375, 0.625, 0.875) gives [0.5, 0.625, 0.875, 1.0]; a target with fewer blocks than
   * the proxy averages neighbours (proxy [a, b, c, d] onto 2 blocks gives [(a+b)/2, (c+d)/2]).
   */
  record Linear() implements Stacking {
    @Override
    public String code() {
      return "linear";
    }

    @Override
    public double ratio(List<UnitRatio> samples, double depth) {
      if (samples.isEmpty()) {
        throw new IllegalArgumentException("no proxy samples to stack");
      }
      UnitRatio first = samples.get(0);
      UnitRatio last = samples.get(samples.size() - 1);
      if (depth <= first.relativeDepth()) {
        return first.ratio();
      }
      if (depth >= last.relativeDepth()) {
        return last.ratio();
      }
      for (int j = 0; j + 1 < samples.size(); j++) {
        UnitRatio a = samples.get(j);
        UnitRatio b = samples.get(j + 1);
        if (depth <= b.relativeDepth()) {
          double t = (depth - a.relativeDepth()) / (b.relativeDepth() - a.relativeDepth());
          return a.ratio() + t * (b.ratio() - a.ratio());
        }
      }
      return last.ratio();
    }

    @Override
    public String toString() {
      return code();
    }
  }
}
