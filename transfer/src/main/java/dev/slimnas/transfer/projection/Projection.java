package dev.slimnas.transfer.projection;

import dev.slimnas.space.search.WidthGroup.Kind;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
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
  private final double[] hiddenRatio;

  private Projection(ArchSpec target, Stacking stacking, int divisor, List<LayerRow> plan, double[] hiddenRatio) {
    this.target = target;
    this.stacking = stacking;
    this.divisor = divisor;
    this.plan = plan;
    this.hiddenRatio = hiddenRatio;
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
    double[] hidden = new double[target.blockCount()];
    for (BlockLayout b : target.layout()) {
      if (b.op().expansion() <= 1) {
        continue;
      }
      double depth = RelativeDepth.of(b.position(), target.stages().get(b.stage()).blocks().size());
      List<UnitRatio> samples = proxy.hidden(b.stage());
      UnitRatio source = samples.isEmpty() ? proxy.stage(b.stage()) : Stacking.nearest(samples, depth);
      hidden[b.index()] = samples.isEmpty() ? source.ratio() : stacking.ratio(samples, depth);
      plan.add(row(ProxyRatios.hiddenName(b.index()), Kind.HIDDEN, b.stage(), b.index(), depth, source,
          hidden[b.index()], b.spec().hidden()));
    }
    plan.add(row("head", Kind.HEAD, -1, -1, -1, proxy.head(), proxy.head().ratio(), target.head().channels()));
    return new Projection(target, stacking, divisor, List.copyOf(plan), hidden);
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

  /** The transferred architecture with every ratio multiplied by {@code scale}; named {@code <target>-transferred}. */
  public ArchSpec apply(double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
    }
    double stem = plan.get(0).ratio() * scale;
    double head = plan.get(plan.size() - 1).ratio() * scale;
    return Rewidth.apply(target, new Rewidth.WidthRule() {
      @Override
      public int stem(int c) {
        return Rounding.channels(c, stem, divisor);
      }

      @Override
      public int stage(int s, int c) {
        return Rounding.channels(c, plan.get(1 + s).ratio() * scale, divisor);
      }

      @Override
      public int hidden(BlockLayout b, int newIn) {
        return Rounding.channels(b.spec().hidden(), hiddenRatio[b.index()] * scale, divisor);
      }

      @Override
      public int head(int c) {
        return Rounding.channels(c, head, divisor);
      }
    }, divisor).withName(target.name() + "-transferred");
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
