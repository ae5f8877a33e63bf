package dev.slimnas.supernet.slim;

import com.google.common.primitives.ImmutableDoubleArray;
import com.google.common.primitives.ImmutableIntArray;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.StageChoice;
import dev.slimnas.space.search.WidthRange;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.WidthGroup;
import dev.slimnas.space.spec.ArchSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The networks a slimmable model can become: a search space with every block's op fixed, and one width
 * multiplier per {@link WidthGroup} in {@code [lower, upper]} (within the space's own range). A width
 * configuration is the multiplier vector; {@link #arch} turns it into the sub-network's architecture.
 * For ops searched jointly with widths see {@link JointFamily} ({@link #searchableOps}).
 *
 * @param lower smallest multiplier any group takes (the paper uses 0.42 for MobileNetV2)
 * @param upper the full network's multiplier
 */
public record SlimmableFamily(SearchSpace space, ImmutableIntArray ops, double lower, double upper) {

  public SlimmableFamily {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(ops, "ops");
    if (ops.length() != space.blockCount()) {
      throw new IllegalArgumentException("space '" + space.name() + "' has " + space.blockCount() + " blocks, got "
          + ops.length() + " op choices");
    }
    List<BlockChoice> blocks = space.blocks();
    for (int i = 0; i < ops.length(); i++) {
      if (ops.get(i) < 0 || ops.get(i) >= blocks.get(i).ops().size()) {
        throw new IllegalArgumentException("ops[" + i + "] = " + ops.get(i) + ": block " + i + " of space '" + space.name()
            + "' has " + blocks.get(i).ops().size() + " op(s), indices 0.." + (blocks.get(i).ops().size() - 1));
      }
    }
    if (!(lower >= space.widths().min() && upper <= space.widths().max() && lower <= upper)) {
      throw new IllegalArgumentException("width multipliers [" + lower + ", " + upper + "] must lie within space '"
          + space.name() + "' range [" + space.widths().min() + ", " + space.widths().max() + "]");
    }
  }

  /** The family of {@code space} with the ops of {@code arch} (an architecture of the space) and its full range. */
  public static SlimmableFamily of(SearchSpace space, ArchSpec arch) {
    return new SlimmableFamily(space, space.encode(arch).ops(), space.widths().min(), space.widths().max());
  }

  /** Every block takes op {@code op} (an index into each block's op list, clamped for fixed blocks). */
  public static SlimmableFamily uniformOps(SearchSpace space, int op) {
    int[] o = space.blocks().stream().mapToInt(b -> Math.min(op, b.ops().size() - 1)).toArray();
    return new SlimmableFamily(space, ImmutableIntArray.copyOf(o), space.widths().min(), space.widths().max());
  }

  /**
   * The family with the ops searched too (every op of every block, the full range): see
   * {@link JointFamily}, whose full network takes every block's largest op.
   */
  public static JointFamily searchableOps(SearchSpace space) {
    return JointFamily.of(space);
  }

  public SlimmableFamily withRange(double lo, double hi) {
    return new SlimmableFamily(space, ops, lo, hi);
  }

  public List<WidthGroup> groups() {
    return space.widthGroups();
  }

  /** Number of width dimensions. */
  public int dimensions() {
    return groups().size();
  }

  /** The architecture of width configuration {@code widths} (multipliers clamped into the range). */
  public ArchSpec arch(double[] widths) {
    return space.decode(encoding(widths));
  }

  public ArchEncoding encoding(double[] widths) {
    if (widths.length != dimensions()) {
      throw new IllegalArgumentException("a width configuration of space '" + space.name() + "' has " + dimensions()
          + " multipliers, got " + widths.length);
    }
    double[] w = new double[widths.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = clamp(widths[i]);
    }
    return new ArchEncoding(ops, ImmutableDoubleArray.copyOf(w));
  }

  public double clamp(double m) {
    return Math.max(lower, Math.min(upper, m));
  }

  /** Every group at multiplier {@code m}. */
  public double[] uniform(double m) {
    double[] w = new double[dimensions()];
    Arrays.fill(w, clamp(m));
    return w;
  }

  public double[] full() {
    return uniform(upper);
  }

  public double[] smallest() {
    return uniform(lower);
  }

  /**
   * The space with every block fixed to this family's op (same name, stages and width range): its
   * encodings are width configurations with all op indices 0, for width-only searches.
   */
  public SearchSpace fixedOpsSpace() {
    List<StageChoice> stages = new ArrayList<>();
    int index = 0;
    for (StageChoice st : space.stages()) {
      List<BlockChoice> blocks = new ArrayList<>();
      for (BlockChoice b : st.blocks()) {
        blocks.add(BlockChoice.fixed(b.ops().get(ops.get(index++))));
      }
      stages.add(new StageChoice(st.stride(), st.out(), blocks));
    }
    return new SearchSpace(space.name(), space.description() + "; ops fixed", space.input(), space.classes(),
        space.activation(), space.stem(), stages, space.head(), new WidthRange(lower, upper, space.widths().divisor()),
        space.seRatio());
  }

  public ArchSpec fullArch() {
    return arch(full());
  }
}
