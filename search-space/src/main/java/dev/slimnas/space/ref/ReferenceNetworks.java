package dev.slimnas.space.ref;

import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.spec.BlockSpec;
import dev.slimnas.space.spec.StageSpec;
import java.util.ArrayList;
import java.util.List;

/** Published networks expressed in the project's vocabulary. */
public final class ReferenceNetworks {
  private ReferenceNetworks() {}

  /**
   * The searched Single-Path NAS network (timm {@code spnasnet_100}): per stage of blocks 1-20,
   * {@code [k3e3 x3, skip]}, {@code [k5e6, k3e3 x3]}, {@code [k5e6, k3e3 x3]}, {@code [k5e6, k5e3 x3]},
   * {@code [k5e6 x4]}. timm lists three blocks in the 24-channel stage; which of the four positions was
   * skipped is not published, and we put the skip last (positions 1-3 have near-equal latencies).
   */
  public static ArchSpec singlePathNasFinal() {
    return singlePathNasFinal(SearchSpaces.singlePathNas()).withName("spnas-final-224");
  }

  /** The same block choices in the CIFAR-scale space at full width. */
  public static ArchSpec singlePathNasFinalCifar() {
    return singlePathNasFinal(SearchSpaces.singlePathNasCifar()).withName("spnas-final-cifar");
  }

  /** The Single-Path NAS final network's block choices in any space with the Single-Path NAS structure, at max widths. */
  public static ArchSpec singlePathNasFinal(SearchSpace space) {
    BlockOp k3e3 = BlockOp.mbconv(3, 3);
    BlockOp k5e3 = BlockOp.mbconv(5, 3);
    BlockOp k5e6 = BlockOp.mbconv(5, 6);
    List<List<BlockOp>> chosen = List.of(
        List.of(k3e3, k3e3, k3e3, BlockOp.SKIP),
        List.of(k5e6, k3e3, k3e3, k3e3),
        List.of(k5e6, k3e3, k3e3, k3e3),
        List.of(k5e6, k5e3, k5e3, k5e3),
        List.of(k5e6, k5e6, k5e6, k5e6));
    return withOps(space.max(), chosen, 1);
  }

  /** Replaces the ops of stages {@code firstStage..} by {@code ops}, keeping widths at expansion x base input. */
  static ArchSpec withOps(ArchSpec base, List<List<BlockOp>> ops, int firstStage) {
    List<StageSpec> stages = new ArrayList<>(base.stages());
    int in = base.stages().get(firstStage - 1).out();
    for (int s = 0; s < ops.size(); s++) {
      StageSpec st = stages.get(firstStage + s);
      List<BlockSpec> blocks = new ArrayList<>();
      for (BlockOp op : ops.get(s)) {
        blocks.add(!op.isMBConv() ? BlockSpec.widthless(op) : new BlockSpec(op, in * op.expansion(), 0));
        in = st.out();
      }
      stages.set(firstStage + s, st.withBlocks(blocks));
    }
    return base.withStages(stages);
  }

  /** MobileNetV2 at 224x224 with the given width multiplier. */
  public static ArchSpec mobileNetV2(double widthMultiplier) {
    return SearchSpaces.mobileNetV2(widthMultiplier).max().withName("mobilenetv2-" + widthMultiplier + "-224");
  }

  /** MobileNetV2 for CIFAR-10 with the given width multiplier. */
  public static ArchSpec mobileNetV2Cifar(double widthMultiplier) {
    return SearchSpaces.mobileNetV2Cifar(widthMultiplier).max().withName("mobilenetv2-" + widthMultiplier + "-cifar");
  }
}
