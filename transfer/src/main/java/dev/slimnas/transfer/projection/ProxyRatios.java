package dev.slimnas.transfer.projection;

import dev.slimnas.space.search.WidthGroup.Kind;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.StageSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-unit ratios {@code optimized / baseline} of a proxy, in the order stem, stages, hidden units
 * (blocks with expansion > 1; skip and expansion-1 blocks have no width of their own), head.
 *
 * @param stageBlocks number of blocks of each proxy stage (for relative depths)
 */
public record ProxyRatios(List<UnitRatio> units, List<Integer> stageBlocks) {

  public ProxyRatios {
    units = List.copyOf(units);
    stageBlocks = List.copyOf(stageBlocks);
  }

  /**
   * Reads the ratios of a proxy; the optimised network must have the baseline's topology (stages, blocks
   * per stage, op of every block), otherwise the message names the first difference.
   */
  public static ProxyRatios of(ArchSpec baseline, ArchSpec optimized) {
    checkSameTopology(baseline, optimized);
    List<UnitRatio> units = new ArrayList<>();
    units.add(UnitRatio.of("stem", Kind.STEM, -1, -1, -1, baseline.stem().channels(), optimized.stem().channels()));
    for (int s = 0; s < baseline.stages().size(); s++) {
      units.add(UnitRatio.of("stage" + s, Kind.STAGE, s, -1, -1, baseline.stages().get(s).out(),
          optimized.stages().get(s).out()));
    }
    List<BlockLayout> opt = optimized.layout();
    for (BlockLayout b : baseline.layout()) {
      if (b.op().expansion() > 1) {
        int blocks = baseline.stages().get(b.stage()).blocks().size();
        units.add(UnitRatio.of(hiddenName(b.index()), Kind.HIDDEN, b.stage(), b.position(),
            RelativeDepth.of(b.position(), blocks), b.spec().hidden(), opt.get(b.index()).spec().hidden()));
      }
    }
    units.add(UnitRatio.of("head", Kind.HEAD, -1, -1, -1, baseline.head().channels(), optimized.head().channels()));
    checkPlausible(units, baseline, optimized);
    return new ProxyRatios(units, baseline.stages().stream().map(st -> st.blocks().size()).toList());
  }

  /**
   * Largest ratio {@code optimized / baseline} a width optimizer's result may show. The project's width
   * optimizers pick multipliers of the baseline (the proxy's full network) in a range whose upper end is at
   * most a few times it; a unit 24x or 4,166x wider than its baseline is a result of another space or
   * multiplier, and transferring it would silently produce a meaningless target.
   */
  public static final double MAX_RATIO = 4.0;
  /** Smallest ratio: below 1/64 of the baseline a unit is no longer a slimmed layer of it. */
  public static final double MIN_RATIO = 1.0 / 64;

  private static void checkPlausible(List<UnitRatio> units, ArchSpec baseline, ArchSpec optimized) {
    for (UnitRatio u : units) {
      if (u.ratio() > MAX_RATIO || u.ratio() < MIN_RATIO) {
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "unit %s of the optimized network '%s' is %d wide, %.2fx its baseline '%s' (%d); an optimized width must lie "
                + "within 1/%.0fx..%.0fx of the baseline: is the optimized network from another space or width multiplier?",
            u.name(), optimized.name(), u.optimized(), u.ratio(), baseline.name(), u.baseline(), 1 / MIN_RATIO, MAX_RATIO));
      }
    }
  }

  static String hiddenName(int block) {
    return "block" + block + ".hidden";
  }

  public int stages() {
    return stageBlocks.size();
  }

  public UnitRatio stem() {
    return units.get(0);
  }

  public UnitRatio head() {
    return units.get(units.size() - 1);
  }

  public UnitRatio stage(int s) {
    return units.get(1 + s);
  }

  /** The hidden units of stage {@code s}, ascending by relative depth (possibly empty). */
  public List<UnitRatio> hidden(int s) {
    return units.stream().filter(u -> u.kind() == Kind.HIDDEN && u.stage() == s).toList();
  }

  private static void checkSameTopology(ArchSpec baseline, ArchSpec optimized) {
    String what = "proxy optimized '" + optimized.name() + "' and proxy baseline '" + baseline.name() + "'";
    if (baseline.stages().size() != optimized.stages().size()) {
      throw new IllegalArgumentException(what + " differ in stages: " + optimized.stages().size() + " vs "
          + baseline.stages().size());
    }
    for (int s = 0; s < baseline.stages().size(); s++) {
      StageSpec a = baseline.stages().get(s);
      StageSpec b = optimized.stages().get(s);
      if (a.blocks().size() != b.blocks().size() || a.stride() != b.stride()) {
        throw new IllegalArgumentException(what + " differ in stage " + s + ": " + b.blocks().size() + " blocks, stride "
            + b.stride() + " vs " + a.blocks().size() + " blocks, stride " + a.stride());
      }
    }
    List<BlockLayout> lb = baseline.layout();
    List<BlockLayout> lo = optimized.layout();
    for (int i = 0; i < lb.size(); i++) {
      if (!lb.get(i).op().equals(lo.get(i).op())) {
        throw new IllegalArgumentException(what + " differ in the op of " + lb.get(i).label() + ": "
            + lo.get(i).op().code() + " vs " + lb.get(i).op().code() + " (width transfer needs equal ops)");
      }
    }
    if (!baseline.input().equals(optimized.input())) {
      throw new IllegalArgumentException(what + " differ in input: " + optimized.input() + " vs " + baseline.input());
    }
  }
}
