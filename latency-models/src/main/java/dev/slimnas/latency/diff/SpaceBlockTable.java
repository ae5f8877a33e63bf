package dev.slimnas.latency.diff;

import dev.slimnas.latency.LatencyModel;
import dev.slimnas.latency.UncoveredArchitectureException;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import java.util.List;

/**
 * The {@link BlockTable} of any {@link LatencyModel} for the macro-architecture of a search space: every
 * searchable block's latency for kernels {3, 5} x expansions {3, 6} read off the model's per-block
 * breakdown of the space's largest plain architecture (k5e6 without SE in every searchable block) with
 * that one op changed, and the fixed part (stem, head, fixed blocks) off that architecture. For a table model (both Pixel 1 tables, profiles,
 * the width-aware predictor) a block's entry depends only on its own op and shape, so the differentiable
 * latency built on this table equals {@code model.predict} at every hard architecture (tested).
 *
 * <p>SE paths: where the space allows an SE op and the model prices it, {@link #seMs} is the model's
 * difference k5e6+se minus k5e6; where the model cannot price SE (the Pixel 1 tables have no SE
 * entries) it is {@link SeEstimate#macProportional(BlockTable, SearchSpace) the MAC-proportional estimate}.
 *
 * <p>Blocks whose ops tie kernel and expansion ({@link BlockChoice#tiedKernelExpansion()}: k3e3 and k5e6
 * only, as NAS-Bench-Macro) hold those two entries and are {@link #tied}; a block that drops to {@code proj}
 * (not skip) has the projection's cost as {@link #skipMs}. {@link #ofCost} builds the table of any additive
 * cost function of encodings (the ground-truth experiment's MACs and predicted latency).
 */
public final class SpaceBlockTable implements BlockTable {
  private final String space;
  private final double fixed;
  private final double[][] ms;
  private final boolean[] searchable;
  private final double[] seMs;
  private final boolean[] seEstimated;
  private final boolean[] tied;
  private final double[] skip;

  private SpaceBlockTable(String space, double fixed, double[][] ms, boolean[] searchable) {
    this.space = space;
    this.fixed = fixed;
    this.ms = ms;
    this.searchable = searchable;
    this.seMs = new double[ms.length];
    this.seEstimated = new boolean[ms.length];
    this.tied = new boolean[ms.length];
    this.skip = new double[ms.length];
  }

  /**
   * @throws UncoveredArchitectureException when the model cannot price one of the space's k/e choices
   * @throws IllegalArgumentException when a searchable block does not offer all four k/e choices
   */
  public static SpaceBlockTable of(LatencyModel model, SearchSpace space) {
    List<BlockChoice> blocks = space.blocks();
    int n = blocks.size();
    ArchEncoding widest = space.encode(space.max());
    for (int b = 0; b < n; b++) {
      if (blocks.get(b).searchable()) {
        widest = widest.withOp(b, opIndex(space, b, BlockOp.mbconv(5, 6, false)));
      }
    }
    ArchSpec max = space.decode(widest);
    double[][] ms = new double[n][4];
    boolean[] searchable = new boolean[n];
    List<Double> base = model.breakdown(max).blocks();
    double fixed = model.breakdown(max).fixed();
    for (int b = 0; b < n; b++) {
      BlockChoice c = blocks.get(b);
      searchable[b] = c.searchable();
      if (!c.searchable()) {
        fixed += base.get(b);
        continue;
      }
      for (int[] ke : choices(c)) {
        ms[b][index(ke[0], ke[1])] = blockMs(model, space, widest, b, BlockOp.mbconv(ke[0], ke[1], false));
      }
    }
    SpaceBlockTable t = new SpaceBlockTable(space.name(), fixed, ms, searchable);
    for (int b = 0; b < n; b++) {
      BlockChoice c = blocks.get(b);
      if (c.searchable()) {
        t.tied[b] = c.tiedKernelExpansion();
        if (!c.allowsSkip() && c.allowsProjection()) {
          t.skip[b] = blockMs(model, space, widest, b, BlockOp.PROJ);
        }
      }
    }
    double[] estimate = null;
    for (int b = 0; b < n; b++) {
      BlockChoice c = blocks.get(b);
      if (!c.searchable() || !c.ops().contains(BlockOp.mbconv(5, 6, true))) {
        continue;
      }
      try {
        t.seMs[b] = blockMs(model, space, widest, b, BlockOp.mbconv(5, 6, true)) - ms[b][index(5, 6)];
      } catch (UncoveredArchitectureException e) {
        if (estimate == null) {
          estimate = SeEstimate.macProportional(t, space);
        }
        t.seMs[b] = estimate[b];
        t.seEstimated[b] = true;
      }
    }
    return t;
  }

  /**
   * The table of an additive cost of a space's encodings (e.g. the MACs, or a latency predictor that sums
   * per-block parts): each searchable block's entries are the cost differences of its ops against the
   * widest network (k5e6 everywhere it is searchable), shifted so that the block's cheapest op is 0; the
   * fixed part is the rest. The differentiable latency on it equals {@code cost} at every architecture
   * of the space when the cost is additive over blocks, which is checked on the smallest, the largest and
   * 32 seeded random architectures.
   *
   * @throws IllegalArgumentException when the cost is not additive over blocks (naming the architecture),
   *     or a searchable block lacks the k3/k5 x e3/e6 choices ({@link #of})
   */
  public static SpaceBlockTable ofCost(SearchSpace space, java.util.function.ToDoubleFunction<ArchEncoding> cost,
      String name) {
    List<BlockChoice> blocks = space.blocks();
    int n = blocks.size();
    ArchEncoding widest = space.encode(space.max());
    for (int b = 0; b < n; b++) {
      if (blocks.get(b).searchable()) {
        widest = widest.withOp(b, opIndex(space, b, BlockOp.mbconv(5, 6, false)));
      }
    }
    double base = cost.applyAsDouble(widest);
    double fixed = base;
    double[][] ms = new double[n][4];
    boolean[] searchable = new boolean[n];
    double[] skip = new double[n];
    double[] se = new double[n];
    boolean[] tied = new boolean[n];
    for (int b = 0; b < n; b++) {
      BlockChoice c = blocks.get(b);
      searchable[b] = c.searchable();
      if (!c.searchable()) {
        continue;
      }
      tied[b] = c.tiedKernelExpansion();
      double min = Double.POSITIVE_INFINITY;
      for (int[] ke : choices(c)) {
        double d = cost.applyAsDouble(widest.withOp(b, opIndex(space, b, BlockOp.mbconv(ke[0], ke[1], false)))) - base;
        ms[b][index(ke[0], ke[1])] = d;
        min = Math.min(min, d);
      }
      BlockOp drop = c.dropOp();
      if (drop != null) {
        skip[b] = cost.applyAsDouble(widest.withOp(b, c.ops().indexOf(drop))) - base;
        min = Math.min(min, skip[b]);
      }
      if (c.ops().contains(BlockOp.mbconv(5, 6, true))) {
        se[b] = cost.applyAsDouble(widest.withOp(b, c.ops().indexOf(BlockOp.mbconv(5, 6, true)))) - base - ms[b][index(5, 6)];
      }
      for (int i = 0; i < 4; i++) {
        ms[b][i] -= min;
      }
      skip[b] -= min;
      fixed += min;
    }
    SpaceBlockTable t = new SpaceBlockTable(name, fixed, ms, searchable);
    System.arraycopy(skip, 0, t.skip, 0, n);
    System.arraycopy(se, 0, t.seMs, 0, n);
    System.arraycopy(tied, 0, t.tied, 0, n);
    t.checkAdditive(space, cost);
    return t;
  }

  private void checkAdditive(SearchSpace space, java.util.function.ToDoubleFunction<ArchEncoding> cost) {
    List<ArchEncoding> probes = new java.util.ArrayList<>();
    probes.add(space.encode(space.min()));
    probes.add(space.encode(space.max()));
    java.util.SplittableRandom r = new java.util.SplittableRandom(0x5eedL);
    ArchEncoding e0 = space.encode(space.max());
    for (int i = 0; i < 32; i++) {
      int[] ops = e0.ops().toArray();
      for (int b = 0; b < ops.length; b++) {
        ops[b] = r.nextInt(space.blocks().get(b).ops().size());
      }
      probes.add(new ArchEncoding(com.google.common.primitives.ImmutableIntArray.copyOf(ops), e0.widths()));
    }
    DifferentiableLatency d = differentiable();
    for (ArchEncoding e : probes) {
      double want = cost.applyAsDouble(e);
      double got = d.evaluate(indicatorsOf(space, e)).value();
      if (Math.abs(want - got) > 1e-9 * Math.max(1, Math.abs(want))) {
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "%s: the cost is not additive over the blocks of %s: encoding %s costs %.6g, the block table sums to %.6g",
            space(), space.name(), e.ops(), want, got));
      }
    }
  }

  /** The 0/1 indicators (keep, e6, k5, se) of every block of an encoding (fixed blocks: their op). */
  public static List<BlockIndicators> indicatorsOf(SearchSpace space, ArchEncoding e) {
    List<BlockIndicators> out = new java.util.ArrayList<>();
    for (int b = 0; b < space.blocks().size(); b++) {
      BlockOp op = space.blocks().get(b).ops().get(e.ops().get(b));
      out.add(op.isMBConv() ? BlockIndicators.of(true, op.kernel(), op.expansion(), op.se()) : new BlockIndicators(0, 0, 0, 0));
    }
    return out;
  }

  /** The (kernel, expansion) choices a table holds for a block: k3e3 and k5e6 when tied, else all four. */
  private static int[][] choices(BlockChoice c) {
    return c.tiedKernelExpansion() ? new int[][] {{3, 3}, {5, 6}} : new int[][] {{3, 3}, {3, 6}, {5, 3}, {5, 6}};
  }

  private static double blockMs(LatencyModel model, SearchSpace space, ArchEncoding widest, int b, BlockOp op) {
    return model.breakdown(space.decode(widest.withOp(b, opIndex(space, b, op)))).blocks().get(b);
  }

  private static int opIndex(SearchSpace space, int b, BlockOp op) {
    int i = space.blocks().get(b).ops().indexOf(op);
    if (i < 0) {
      throw new IllegalArgumentException("block " + b + " of " + space.name() + " does not allow " + op.code()
          + " (allowed: " + space.blocks().get(b).ops() + "); a single-path search needs k3/k5 x e3/e6 in every searchable block");
    }
    return i;
  }

  private static int index(int kernel, int expansion) {
    return (kernel == 5 ? 2 : 0) + (expansion == 6 ? 1 : 0);
  }

  /** The differentiable latency (exact form) on this table, SE paths priced by {@link #seMs}. */
  public DifferentiableLatency differentiable() {
    return new DifferentiableLatency(this, seMs.clone(), DifferentiableLatency.Form.EXACT);
  }

  /** The SE path's latency per block (0 where the block has no SE choice). */
  public double[] seMs() {
    return seMs.clone();
  }

  /** True where {@link #seMs} is the MAC-proportional estimate rather than the model's own number. */
  public boolean seEstimated(int block) {
    return seEstimated[block];
  }

  public String space() {
    return space;
  }

  @Override
  public int blockCount() {
    return ms.length;
  }

  @Override
  public double fixedMs() {
    return fixed;
  }

  @Override
  public double ms(int block, int kernel, int expansion) {
    if (!searchable[block]) {
      throw new IllegalArgumentException("block " + block + " of " + space + " is not searchable");
    }
    if (tied[block] && !((kernel == 3 && expansion == 3) || (kernel == 5 && expansion == 6))) {
      throw new IllegalArgumentException("block " + block + " of " + space + " ties kernel and expansion: only k3e3 and k5e6"
          + " are priced, not k" + kernel + "e" + expansion);
    }
    return ms[block][index(kernel, expansion)];
  }

  @Override
  public boolean searchable(int block) {
    return searchable[block];
  }

  @Override
  public boolean tied(int block) {
    return tied[block];
  }

  @Override
  public double skipMs(int block) {
    return skip[block];
  }
}
