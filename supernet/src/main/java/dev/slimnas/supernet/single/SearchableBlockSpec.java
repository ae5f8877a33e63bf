package dev.slimnas.supernet.single;

import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;

/**
 * The shape of one searchable block in a single-path supernet.
 *
 * @param index global block index (for vertex names)
 * @param inChannels block input width
 * @param hidden hidden width at expansion 6 (even; the first half is the expansion-3 width)
 * @param outChannels block output width
 * @param stride depthwise stride
 * @param residual whether the block adds its input to its output (stride 1, equal widths)
 * @param skippable whether skip is a choice (then the block must be residual)
 * @param seChannels SE reduce width, 0 when SE is not a choice
 * @param tied kernel and expansion are one decision (the block's ops are k3e3 and k5e6 only, +SE)
 * @param projection the dropped block is a projection ({@code proj}: 1x1 conv at the stride + BN), not an
 *     identity: then {@code skippable} (keep is searched) and not {@code residual}
 */
public record SearchableBlockSpec(int index, int inChannels, int hidden, int outChannels, int stride,
    boolean residual, boolean skippable, int seChannels, boolean tied, boolean projection) {
  /** A block with independent kernel and expansion and no projection skip. */
  public SearchableBlockSpec(int index, int inChannels, int hidden, int outChannels, int stride, boolean residual,
      boolean skippable, int seChannels) {
    this(index, inChannels, hidden, outChannels, stride, residual, skippable, seChannels, false, false);
  }

  public SearchableBlockSpec {
    if (projection && (residual || !skippable)) {
      throw new IllegalArgumentException("block " + index + ": a projection skip is a searchable drop of a non-residual block");
    }
    if (index < 0 || inChannels < 1 || outChannels < 1 || stride < 1 || seChannels < 0) {
      throw new IllegalArgumentException("invalid searchable block: index " + index + ", in " + inChannels + ", out "
          + outChannels + ", stride " + stride + ", se " + seChannels);
    }
    if (hidden < 2 || hidden % 2 != 0) {
      throw new IllegalArgumentException("block " + index + ": hidden width must be even, got " + hidden);
    }
    if (residual && (stride != 1 || inChannels != outChannels)) {
      throw new IllegalArgumentException("block " + index + ": a residual block needs stride 1 and equal widths");
    }
    if (skippable && !residual && !projection) {
      throw new IllegalArgumentException("block " + index + ": skip needs a residual block (equal shapes)");
    }
  }

  /**
   * The searchable block {@code layout.index()} of {@code space}, from the layout of its largest
   * architecture ({@code space.max()}). The block's ops must be skip or proj and k{3,5}e{3,6}[+se] (tied
   * when they are k3e3 and k5e6 only, see {@link BlockChoice#tiedKernelExpansion()}); its hidden
   * width at expansion 3 must be half the width at expansion 6 (true at full widths).
   */
  public static SearchableBlockSpec of(SearchSpace space, BlockLayout layout) {
    BlockChoice choice = space.blocks().get(layout.index());
    for (BlockOp op : choice.ops()) {
      if (op.isMBConv() && !((op.kernel() == 3 || op.kernel() == 5) && (op.expansion() == 3 || op.expansion() == 6))) {
        throw new IllegalArgumentException(layout.label() + ": op " + op.code()
            + " is not a single-path choice (skip or proj, k3/k5 x e3/e6, optionally +se)");
      }
    }
    if (choice.allowsSkip() && choice.allowsProjection()) {
      throw new IllegalArgumentException(layout.label() + ": skip and proj are both allowed; a single-path block drops to one of them");
    }
    if (layout.op().isSkip() || layout.op().expansion() != 6) {
      throw new IllegalArgumentException(layout.label() + ": the layout must be the space's largest op (e6), got "
          + layout.op().code());
    }
    boolean se = choice.ops().stream().anyMatch(BlockOp::se);
    boolean projection = choice.allowsProjection();
    boolean residual = !projection && layout.stride() == 1 && layout.inChannels() == layout.outChannels();
    return new SearchableBlockSpec(layout.index(), layout.inChannels(), layout.spec().hidden(), layout.outChannels(),
        layout.stride(), residual, choice.allowsSkip() || projection, se ? space.seChannels(layout.inChannels()) : 0,
        choice.tiedKernelExpansion(), projection);
  }

  /** The searchable blocks of {@code space}, in order, from its largest architecture. */
  public static java.util.List<SearchableBlockSpec> all(SearchSpace space) {
    ArchSpec max = space.max();
    java.util.List<SearchableBlockSpec> out = new java.util.ArrayList<>();
    for (BlockLayout b : max.layout()) {
      if (space.blocks().get(b.index()).searchable()) {
        out.add(of(space, b));
      }
    }
    return java.util.List.copyOf(out);
  }
}
