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
 */
public final class SpaceBlockTable implements BlockTable {
  private final String space;
  private final double fixed;
  private final double[][] ms;
  private final boolean[] searchable;
  private final double[] seMs;
  private final boolean[] seEstimated;

  private SpaceBlockTable(String space, double fixed, double[][] ms, boolean[] searchable) {
    this.space = space;
    this.fixed = fixed;
    this.ms = ms;
    this.searchable = searchable;
    this.seMs = new double[ms.length];
    this.seEstimated = new boolean[ms.length];
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
      for (int k : new int[] {3, 5}) {
        for (int e : new int[] {3, 6}) {
          ms[b][index(k, e)] = blockMs(model, space, widest, b, BlockOp.mbconv(k, e, false));
        }
      }
    }
    SpaceBlockTable t = new SpaceBlockTable(space.name(), fixed, ms, searchable);
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
    return ms[block][index(kernel, expansion)];
  }

  @Override
  public boolean searchable(int block) {
    return searchable[block];
  }
}
