package dev.slimnas.transfer.projection;

import dev.slimnas.space.search.WidthGroup.Kind;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Projects a proxy's width ratios onto a target baseline (width transfer, arXiv:2104.13255): each target
 * unit gets {@code makeDivisible(ratio * scale * targetBaseline)}; stem, stage and head take the ratio of
 * the proxy unit of the same name, hidden units take the ratio a {@link Stacking} gives at their relative
 * depth in the stage (the proxy stage's output ratio when that proxy stage has no hidden unit). Ops,
 * resolution and classes stay the target's. Immutable; {@link #apply(double)} is cheap, so a rescale can
 * call it many times.
 */
public final class Projection {
  private final ArchSpec target;
  private final Stacking stacking;
  private final int divisor;
  private final List<LayerRow> plan;
  /** Plan row of each target block's hidden unit, -1 for blocks without one. */
  private final int[] hiddenRow;
  private final double lower;
  private final double upper;

  private Projection(ArchSpec target, Stacking stacking, int divisor, List<LayerRow> plan, double lower,
      double upper) {
    this.target = target;
    this.stacking = stacking;
    this.divisor = divisor;
    this.plan = plan;
    this.hiddenRow = new int[target.blockCount()];
    java.util.Arrays.fill(hiddenRow, -1);
    for (int u = 0; u < plan.size(); u++) {
      if (plan.get(u).kind() == Kind.HIDDEN) {
        hiddenRow[plan.get(u).block()] = u;
      }
    }
    this.lower = lower;
    this.upper = upper;
  }

  /** The projection of {@code proxy}'s ratios onto {@code target}; proxy and target need equal stage counts. */
  public static Projection of(ProxyRatios proxy, ArchSpec target, Stacking stacking, int divisor) {
    Objects.requireNonNull(stacking, "stacking");
    if (divisor < 1) {
      throw new IllegalArgumentException("divisor must be >= 1, got " + divisor);
    }
    if (proxy.stages() != target.stages().size()) {
      throw new IllegalArgumentException("proxy has " + proxy.stages() + " stages, target '" + target.name() + "' has "
          + target.stages().size() + ": width transfer maps stage to stage");
    }
    List<LayerRow> plan = new ArrayList<>();
    plan.add(row("stem", Kind.STEM, -1, -1, -1, proxy.stem(), proxy.stem().ratio(), target.stem().channels()));
    for (int s = 0; s < target.stages().size(); s++) {
      plan.add(row("stage" + s, Kind.STAGE, s, -1, -1, proxy.stage(s), proxy.stage(s).ratio(), target.stages().get(s).out()));
    }
    for (BlockLayout b : target.layout()) {
      if (b.op().expansion() <= 1) {
        continue;
      }
      double depth = RelativeDepth.of(b.position(), target.stages().get(b.stage()).blocks().size());
      List<UnitRatio> samples = proxy.hidden(b.stage());
      UnitRatio source = samples.isEmpty() ? proxy.stage(b.stage()) : Stacking.nearest(samples, depth);
      double ratio = samples.isEmpty() ? source.ratio() : stacking.ratio(samples, depth);
      plan.add(row(ProxyRatios.hiddenName(b.index()), Kind.HIDDEN, b.stage(), b.index(), depth, source, ratio,
          b.spec().hidden()));
    }
    plan.add(row("head", Kind.HEAD, -1, -1, -1, proxy.head(), proxy.head().ratio(), target.head().channels()));
    return new Projection(target, stacking, divisor, List.copyOf(plan), 0, Double.POSITIVE_INFINITY);
  }

  private static LayerRow row(String name, Kind kind, int stage, int block, double depth, UnitRatio source, double ratio,
      int targetBaseline) {
    return new LayerRow(name, kind, stage, block, depth, source.name(), source.baseline(), source.optimized(), ratio,
        targetBaseline, 0);
  }

  public ArchSpec target() {
    return target;
  }

  public Stacking stacking() {
    return stacking;
  }

  public int divisor() {
    return divisor;
  }

  /**
   * The same projection with every unit's multiplier ({@code ratio * scale}) clamped into
   * {@code [lower, upper]} before rounding: a search space's {@code WidthRange}, so that no transferred
   * width leaves what the target's space allows however far the proxy's ratios and the rescale push it.
   */
  public Projection bounded(double lower, double upper) {
    if (!(lower > 0) || !(upper >= lower) || Double.isInfinite(upper)) {
      throw new IllegalArgumentException("multiplier bounds need 0 < lower <= upper, got " + lower + ", " + upper);
    }
    return new Projection(target, stacking, divisor, plan, lower, upper);
  }

  /** The upper multiplier bound ({@code +Infinity} when unbounded). */
  public double upperBound() {
    return upper;
  }

  /** Whether at {@code scale} every unit's multiplier is clamped at the upper bound: larger scales change nothing. */
  public boolean saturatedAt(double scale) {
    if (Double.isInfinite(upper)) {
      return false;
    }
    for (int u = 0; u < plan.size(); u++) {
      if (ratio(u) * scale < upper) {
        return false;
      }
    }
    return true;
  }

  /** Number of width units (rows of {@link #rows}): stem, stages, hidden units, head. */
  public int units() {
    return plan.size();
  }

  /** The transferred architecture with every ratio multiplied by {@code scale}; named {@code <target>-transferred}. */
  public ArchSpec apply(double scale) {
    return apply(scale, new int[plan.size()]);
  }

  /**
   * {@link #apply(double)} with {@code steps[u]} more divisor steps on unit {@code u} (a row of
   * {@link #rows}), each unit capped at the upper bound: the per-unit fill-up after a uniform rescale.
   */
  public ArchSpec apply(double scale, int[] steps) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
    }
    if (steps.length != plan.size()) {
      throw new IllegalArgumentException("need one step count per unit (" + plan.size() + "), got " + steps.length);
    }
    int last = plan.size() - 1;
    return Rewidth.apply(target, new Rewidth.WidthRule() {
      @Override
      public int stem(int c) {
        return width(0, c, scale, steps[0]);
      }

      @Override
      public int stage(int s, int c) {
        return width(1 + s, c, scale, steps[1 + s]);
      }

      @Override
      public int hidden(BlockLayout b, int newIn) {
        int u = hiddenRow[b.index()];
        return width(u, b.spec().hidden(), scale, steps[u]);
      }

      @Override
      public int head(int c) {
        return width(last, c, scale, steps[last]);
      }
    }, divisor).withName(target.name() + "-transferred");
  }

  /** Unit {@code u}'s width at {@code scale} plus {@code steps} divisor steps, within the bounds. */
  public int width(int u, double scale, int steps) {
    return width(u, plan.get(u).targetBaseline(), scale, steps);
  }

  private int width(int u, int baseline, double scale, int steps) {
    double m = Math.min(upper, Math.max(lower, ratio(u) * scale));
    int w = Rounding.channels(baseline, m, divisor);
    return steps == 0 ? w : Math.max(w, Math.min(w + steps * divisor, maxWidth(baseline)));
  }

  /** Whether one more divisor step on unit {@code u} (now at {@code steps}) changes its width. */
  public boolean canGrow(int u, double scale, int steps) {
    return width(u, scale, steps + 1) > width(u, scale, steps);
  }

  /** The multiplier unit {@code u} reaches at {@code steps}, relative to its ratio: the fill-up's order. */
  public double effectiveScale(int u, double scale, int steps) {
    return width(u, scale, steps) / (ratio(u) * plan.get(u).targetBaseline());
  }

  private double ratio(int u) {
    return plan.get(u).ratio();
  }

  private int maxWidth(int baseline) {
    return Double.isInfinite(upper) ? Integer.MAX_VALUE : Channels.makeDivisible(baseline * upper, divisor);
  }

  /** The per-unit table for a transferred architecture made by {@link #apply}. */
  public List<LayerRow> rows(ArchSpec transferred) {
    List<BlockLayout> layout = transferred.layout();
    List<LayerRow> out = new ArrayList<>();
    for (LayerRow r : plan) {
      int t = switch (r.kind()) {
        case STEM -> transferred.stem().channels();
        case HEAD -> transferred.head().channels();
        case STAGE -> transferred.stages().get(r.stage()).out();
        case HIDDEN -> layout.get(r.block()).spec().hidden();
      };
      out.add(r.withTransferred(t));
    }
    return List.copyOf(out);
  }
}
