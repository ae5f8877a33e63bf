package dev.slimnas.supernet.slim;

import com.google.common.primitives.ImmutableDoubleArray;
import com.google.common.primitives.ImmutableIntArray;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.WidthGroup;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The networks a slimmable model becomes when block ops are searched jointly with widths: every
 * encoding of {@code space} (one op per block, one multiplier per {@link WidthGroup}) with multipliers
 * in {@code [lower, upper]}. {@link SlimmableFamily} is the special case with the ops fixed.
 *
 * <p>The <b>full network</b>, which holds the shared weights, takes every block's largest op
 * ({@link BlockChoice#largest()}) at the upper multiplier. Every other op of a block must be a window of
 * that op, which the constructor checks: a kernel {@code k <= K} with {@code K - k} even (the centred
 * {@code k x k} window of the {@code K x K} kernel, the Single-Path NAS superkernel), an expansion
 * {@code e <= E} (the first hidden channels, as e3 is the first half of e6 in Single-Path NAS), SE only
 * where the largest op has SE (the SE weights of the kept channels; an op without SE reads none), or
 * skip (the block reads no parameters), or proj (see below). Blocks that mix expansion 1 (no expansion conv: the depthwise
 * conv reads the block's input) with larger expansions are rejected: their depthwise weights would be
 * shared between input channels and hidden channels, which are different features.
 *
 * <p>A {@code proj} op (1x1 conv + BN at the block's stride) is no window of any MBConv: it has weights of its
 * own, which the full network lacks. Such a family is trained with a {@link WeightStore} (the full network
 * plus a projection branch at every {@link #projectionBlocks() block that allows proj}) and
 * {@link UniformPathStep}; {@link SandwichStep} on the bare full network cannot serve it.
 *
 * <p>The <b>smallest network</b>, the sandwich rule's lower bound, is the cheapest member: every block's
 * smallest op ({@link BlockChoice#smallest()}: skip wherever the space allows it, as
 * {@link SearchSpace#min()}) at the lower multiplier.
 *
 * @param lower smallest multiplier any group takes
 * @param upper the full network's multiplier
 */
public record JointFamily(SearchSpace space, double lower, double upper) {

  public JointFamily {
    Objects.requireNonNull(space, "space");
    if (!(lower >= space.widths().min() && upper <= space.widths().max() && lower <= upper)) {
      throw new IllegalArgumentException("width multipliers [" + lower + ", " + upper + "] must lie within space '"
          + space.name() + "' range [" + space.widths().min() + ", " + space.widths().max() + "]");
    }
    List<String> problems = new ArrayList<>();
    List<BlockChoice> blocks = space.blocks();
    for (int i = 0; i < blocks.size(); i++) {
      problems.addAll(unsliceable(i, blocks.get(i)));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("space '" + space.name() + "' cannot share one set of weights across its ops: "
          + String.join("; ", problems));
    }
  }

  /** Every op and every multiplier of {@code space}. */
  public static JointFamily of(SearchSpace space) {
    return new JointFamily(space, space.widths().min(), space.widths().max());
  }

  public JointFamily withRange(double lo, double hi) {
    return new JointFamily(space, lo, hi);
  }

  /** Why the ops of block {@code index} are not all windows of its largest op (empty when they are). */
  private static List<String> unsliceable(int index, BlockChoice b) {
    List<String> out = new ArrayList<>();
    BlockOp big = b.largest();
    if (!big.isMBConv()) {
      out.add("block " + index + " allows only " + b.ops().stream().map(BlockOp::code).toList());
      return out;
    }
    for (BlockOp op : b.ops()) {
      if (op.isSkip() || op.isProjection()) {
        continue; // skip reads nothing; proj's weights live beside the full network's (WeightStore)
      }
      String where = "block " + index + ": op " + op.code() + " is not a window of the largest op " + big.code();
      if (op.kernel() > big.kernel() || (big.kernel() - op.kernel()) % 2 != 0) {
        out.add(where + " (kernel " + op.kernel() + " has no centred place in " + big.kernel() + ")");
      }
      if (op.expansion() > big.expansion()) {
        out.add(where + " (expansion " + op.expansion() + " > " + big.expansion() + ")");
      }
      if (op.se() && !big.se()) {
        out.add(where + " (it has SE, the largest op has none)");
      }
      if ((op.expansion() == 1) != (big.expansion() == 1)) {
        out.add("block " + index + ": mixes expansion 1 (" + op.code() + ") with expansion > 1 (" + big.code()
            + "), whose depthwise conv reads hidden channels instead of the block's input");
      }
    }
    return out;
  }

  public List<WidthGroup> groups() {
    return space.widthGroups();
  }

  /** Number of width dimensions. */
  public int dimensions() {
    return groups().size();
  }

  /** Number of blocks (op dimensions). */
  public int blocks() {
    return space.blockCount();
  }

  /** Global indices of the blocks whose choices include {@code proj} (their weights live beside the full network's). */
  public java.util.SortedSet<Integer> projectionBlocks() {
    java.util.SortedSet<Integer> out = new java.util.TreeSet<>();
    for (int i = 0; i < space.blocks().size(); i++) {
      if (space.blocks().get(i).allowsProjection()) {
        out.add(i);
      }
    }
    return java.util.Collections.unmodifiableSortedSet(out);
  }

  /** Op index of every block's largest op: the full network's ops. */
  public ImmutableIntArray largestOps() {
    return ImmutableIntArray.copyOf(space.blocks().stream().mapToInt(b -> b.ops().indexOf(b.largest())).toArray());
  }

  /** Op index of every block's smallest op (skip where allowed): the smallest network's ops. */
  public ImmutableIntArray smallestOps() {
    return ImmutableIntArray.copyOf(space.blocks().stream().mapToInt(b -> b.ops().indexOf(b.smallest())).toArray());
  }

  public double clamp(double m) {
    return Math.max(lower, Math.min(upper, m));
  }

  /** Ops {@code ops} with every group at multiplier {@code m} (clamped). */
  public ArchEncoding uniform(ImmutableIntArray ops, double m) {
    double[] w = new double[dimensions()];
    java.util.Arrays.fill(w, clamp(m));
    return new ArchEncoding(ops, ImmutableDoubleArray.copyOf(w));
  }

  /** The full network: largest ops at the upper multiplier. */
  public ArchEncoding full() {
    return uniform(largestOps(), upper);
  }

  /** The smallest network: smallest ops at the lower multiplier. */
  public ArchEncoding smallest() {
    return uniform(smallestOps(), lower);
  }

  /** {@code e} with its multipliers clamped into the family's range (op indices are checked by {@link #arch}). */
  public ArchEncoding clamped(ArchEncoding e) {
    if (e.widths().length() != dimensions() || e.ops().length() != blocks()) {
      throw new IllegalArgumentException("an encoding of space '" + space.name() + "' has " + blocks() + " ops and "
          + dimensions() + " multipliers, got " + e.ops().length() + " and " + e.widths().length());
    }
    double[] w = e.widths().toArray();
    for (int i = 0; i < w.length; i++) {
      w[i] = clamp(w[i]);
    }
    return new ArchEncoding(e.ops(), ImmutableDoubleArray.copyOf(w));
  }

  /** The architecture of {@code e} (multipliers clamped into the range). */
  public ArchSpec arch(ArchEncoding e) {
    return space.decode(clamped(e));
  }

  public ArchSpec fullArch() {
    return arch(full());
  }

  public ArchSpec smallestArch() {
    return arch(smallest());
  }

  /**
   * The fixed-op family of {@code ops} inside this one: its networks are members of this family, so
   * they run on this family's full network (e.g. a width search for the ops a search found).
   */
  public SlimmableFamily withOps(ImmutableIntArray ops) {
    return new SlimmableFamily(space, ops, lower, upper);
  }
}
