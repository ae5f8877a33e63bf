package dev.slimnas.space.search;

import dev.slimnas.space.spec.Activation;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.spec.HeadSpec;
import dev.slimnas.space.spec.InputSpec;
import dev.slimnas.space.spec.StemSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The built-in spaces.
 *
 * <ul>
 *   <li>{@code spnas-224}: the Single-Path NAS space (Stamoulis et al., arXiv:1904.02877) at 224x224,
 *       1000 classes: 22 blocks, blocks 1-20 choose {k3e3, k3e6, k5e3, k5e6} (+ skip where not first
 *       in stage); widths fixed as published.
 *   <li>{@code spnas-cifar}: the same block structure at 32x32 with 10 classes; the stem and the first
 *       searchable stage (16 -> 24) have stride 1 instead of 2, so the resolutions are 32, 32, 32, 16,
 *       8, 8, 4 and the head sees 4x4. Per-layer width multipliers in [0.25, 1.0].
 *   <li>{@code mobilenetv2-224} and {@code mobilenetv2-cifar}: MobileNetV2 (Sandler et al.) as a fixed
 *       reference network, width multiplier as a parameter; the CIFAR variant has stride 1 in the stem
 *       and in the 24-channel stage, as is usual for 32x32 inputs.
 *   <li>{@code nas-bench-macro}: the 6,561 networks of NAS-Bench-Macro (Su et al., arXiv:2103.11922).
 * </ul>
 */
public final class SearchSpaces {
  /** The op order of the Single-Path NAS runtime table: (k3,e3), (k3,e6), (k5,e3), (k5,e6). */
  public static final List<BlockOp> SPNAS_OPS =
      List.of(BlockOp.mbconv(3, 3), BlockOp.mbconv(3, 6), BlockOp.mbconv(5, 3), BlockOp.mbconv(5, 6));

  /** Name of the NAS-Bench-Macro space. */
  public static final String NAS_BENCH_MACRO = "nas-bench-macro";

  /**
   * NAS-Bench-Macro's op order, which is its code digit: 0 identity (proj in the first block of a
   * stage, skip elsewhere), 1 MBConv k3 e3, 2 MBConv k5 e6.
   */
  public static final List<BlockOp> NAS_BENCH_MACRO_OPS = List.of(BlockOp.SKIP, BlockOp.mbconv(3, 3), BlockOp.mbconv(5, 6));

  private static final Map<String, Function<Double, SearchSpace>> REGISTRY = new LinkedHashMap<>();

  static {
    REGISTRY.put("spnas-224", wm -> singlePathNas().scaled(wm));
    REGISTRY.put("spnas-cifar", wm -> singlePathNasCifar().scaled(wm));
    REGISTRY.put("spnas-se-224", wm -> withSearchableSe(singlePathNas(), "spnas-se-224").scaled(wm));
    REGISTRY.put("spnas-se-cifar", wm -> withSearchableSe(singlePathNasCifar(), "spnas-se-cifar").scaled(wm));
    REGISTRY.put("mobilenetv2-224", SearchSpaces::mobileNetV2);
    REGISTRY.put("mobilenetv2-cifar", SearchSpaces::mobileNetV2Cifar);
    REGISTRY.put(NAS_BENCH_MACRO, wm -> nasBenchMacro().scaled(wm));
  }

  private SearchSpaces() {}

  /** Names of the built-in spaces. */
  public static List<String> names() {
    return List.copyOf(REGISTRY.keySet());
  }

  /** A built-in space by name, at width multiplier 1. */
  public static SearchSpace get(String name) {
    return get(name, 1.0);
  }

  /** A built-in space by name with every base width scaled by {@code widthMultiplier}. */
  public static SearchSpace get(String name, double widthMultiplier) {
    Function<Double, SearchSpace> f = REGISTRY.get(name);
    if (f == null) {
      throw new IllegalArgumentException("unknown space '" + name + "'; built-in spaces: " + names());
    }
    return f.apply(widthMultiplier);
  }

  /** The Single-Path NAS space exactly as published (REFERENCE.md section 1). */
  public static SearchSpace singlePathNas() {
    return new SearchSpace("spnas-224",
        "Single-Path NAS space (arXiv:1904.02877): 224x224, 1000 classes, 22 MBConv blocks, blocks 1-20 searchable",
        new InputSpec(224, 3), 1000, Activation.RELU, new StemSpec(3, 2, 32),
        spnasStages(2), new HeadSpec(1280, 0.2), WidthRange.fixed(), 0.25);
  }

  /** The CIFAR-scale variant: 32x32, 10 classes, stride 1 in the stem and the first searchable stage. */
  public static SearchSpace singlePathNasCifar() {
    return new SearchSpace("spnas-cifar",
        "Single-Path NAS space at CIFAR scale: 32x32, 10 classes, stem and stage 1 at stride 1, widths x[0.25, 1.0]",
        new InputSpec(32, 3), 10, Activation.RELU, new StemSpec(3, 1, 32),
        spnasStages(1), new HeadSpec(1280, 0.2), new WidthRange(0.25, 1.0, 8), 0.25);
  }

  /**
   * The same space with squeeze-and-excitation as one more choice in every searchable block: each op
   * with and without SE (the journal version of Single-Path NAS, arXiv:1907.00959).
   */
  public static SearchSpace withSearchableSe(SearchSpace space, String name) {
    List<StageChoice> stages = new ArrayList<>();
    for (StageChoice st : space.stages()) {
      List<BlockChoice> blocks = new ArrayList<>();
      for (BlockChoice b : st.blocks()) {
        if (!b.searchable()) {
          blocks.add(b);
          continue;
        }
        List<BlockOp> ops = new ArrayList<>();
        for (BlockOp op : b.ops()) {
          ops.add(op);
          if (op.isMBConv() && !op.se()) {
            ops.add(BlockOp.mbconv(op.kernel(), op.expansion(), true));
          }
        }
        blocks.add(new BlockChoice(ops));
      }
      stages.add(new StageChoice(st.stride(), st.out(), blocks));
    }
    return new SearchSpace(name, space.description() + "; searchable squeeze-and-excitation in every searchable block",
        space.input(), space.classes(), space.activation(), space.stem(), stages, space.head(), space.widths(),
        space.seRatio());
  }

  private static List<StageChoice> spnasStages(int firstSearchableStride) {
    List<StageChoice> stages = new ArrayList<>();
    stages.add(new StageChoice(1, 16, List.of(BlockChoice.fixed(BlockOp.mbconv(3, 1)))));
    int[][] searchable = {{firstSearchableStride, 24}, {2, 40}, {2, 80}, {1, 96}, {2, 192}};
    for (int[] s : searchable) {
      stages.add(new StageChoice(s[0], s[1], searchableStage(4)));
    }
    stages.add(new StageChoice(1, 320, List.of(BlockChoice.fixed(BlockOp.mbconv(3, 6)))));
    return stages;
  }

  private static List<BlockChoice> searchableStage(int blocks) {
    List<BlockOp> withSkip = new ArrayList<>(SPNAS_OPS);
    withSkip.add(BlockOp.SKIP);
    List<BlockChoice> out = new ArrayList<>();
    out.add(new BlockChoice(SPNAS_OPS));
    for (int i = 1; i < blocks; i++) {
      out.add(new BlockChoice(withSkip));
    }
    return out;
  }

  /**
   * NAS-Bench-Macro (Su et al., CVPR 2021, arXiv:2103.11922), exactly its {@code train/model.py}: stem
   * 3x3 conv 32 at stride 1 (BN, ReLU); stages of 2, 3, 3 blocks at 64, 128, 256 channels, the first
   * block of each at stride 2; every block chooses {identity, k3e3, k5e6} (identity is {@code proj},
   * a 1x1 conv + BN, in the first block of a stage and {@code skip} elsewhere), hidden width = block
   * input x expansion; ReLU; head 1x1 conv 1280, no dropout, 10 classes; 32x32 input; widths fixed.
   * The op index of a block is the benchmark's code digit (see {@code bench.NasBenchMacroCodes}).
   */
  public static SearchSpace nasBenchMacro() {
    int[][] cfg = {{2, 64}, {3, 128}, {3, 256}};
    List<StageChoice> stages = new ArrayList<>();
    for (int[] c : cfg) {
      List<BlockChoice> blocks = new ArrayList<>();
      for (int i = 0; i < c[0]; i++) {
        List<BlockOp> ops = new ArrayList<>(NAS_BENCH_MACRO_OPS);
        if (i == 0) {
          ops.set(0, BlockOp.PROJ);
        }
        blocks.add(new BlockChoice(ops));
      }
      stages.add(new StageChoice(2, c[1], blocks));
    }
    return new SearchSpace(NAS_BENCH_MACRO,
        "NAS-Bench-Macro (arXiv:2103.11922): 32x32, 10 classes, 8 blocks choosing {identity (proj where the"
            + " shape changes), k3e3, k5e6}; 6,561 networks, widths fixed",
        new InputSpec(32, 3), 10, Activation.RELU, new StemSpec(3, 1, 32), stages, new HeadSpec(1280, 0.0),
        WidthRange.fixed(), 0.25);
  }

  /** MobileNetV2 at 224x224, 1000 classes, as a fixed network with the given width multiplier. */
  public static SearchSpace mobileNetV2(double widthMultiplier) {
    return new SearchSpace("mobilenetv2-224",
        "MobileNetV2 (arXiv:1801.04381) at 224x224, 1000 classes, fixed reference network",
        new InputSpec(224, 3), 1000, Activation.RELU6, new StemSpec(3, 2, 32),
        mbv2Stages(2), new HeadSpec(1280, 0.2), WidthRange.fixed(), 0.25).scaled(widthMultiplier);
  }

  /** MobileNetV2 for 32x32 inputs and 10 classes: stride 1 in the stem and in the 24-channel stage. */
  public static SearchSpace mobileNetV2Cifar(double widthMultiplier) {
    return new SearchSpace("mobilenetv2-cifar",
        "MobileNetV2 at CIFAR scale: 32x32, 10 classes, stem and 24-channel stage at stride 1",
        new InputSpec(32, 3), 10, Activation.RELU6, new StemSpec(3, 1, 32),
        mbv2Stages(1), new HeadSpec(1280, 0.2), WidthRange.fixed(), 0.25).scaled(widthMultiplier);
  }

  private static List<StageChoice> mbv2Stages(int secondStageStride) {
    // t, c, n, s of the MobileNetV2 paper, Table 2
    int[][] cfg = {{1, 16, 1, 1}, {6, 24, 2, secondStageStride}, {6, 32, 3, 2}, {6, 64, 4, 2},
        {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
    List<StageChoice> stages = new ArrayList<>();
    for (int[] c : cfg) {
      List<BlockChoice> blocks = new ArrayList<>();
      for (int i = 0; i < c[2]; i++) {
        blocks.add(BlockChoice.fixed(BlockOp.mbconv(3, c[0])));
      }
      stages.add(new StageChoice(c[3], c[1], blocks));
    }
    return stages;
  }
}
