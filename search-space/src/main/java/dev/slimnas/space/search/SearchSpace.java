package dev.slimnas.space.search;

import com.google.common.primitives.ImmutableDoubleArray;
import com.google.common.primitives.ImmutableIntArray;
import dev.slimnas.space.spec.Activation;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.spec.BlockSpec;
import dev.slimnas.space.spec.Channels;
import dev.slimnas.space.spec.HeadSpec;
import dev.slimnas.space.spec.InputSpec;
import dev.slimnas.space.spec.StageSpec;
import dev.slimnas.space.spec.StemSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A search space: a macro-architecture whose blocks choose from sets of ops and whose width groups
 * choose multipliers in a {@link WidthRange}. It encodes architectures to decisions and back, samples
 * them, and validates them, naming the block and the rule for every violation.
 *
 * <p>The stem, stage and head widths given here are base widths; hidden widths are the base input
 * width of the block times the op's expansion. The SE reduce width is derived from the block's input
 * width: {@code makeDivisible(in * seRatio)}.
 */
public record SearchSpace(
    String name,
    String description,
    InputSpec input,
    int classes,
    Activation activation,
    StemSpec stem,
    List<StageChoice> stages,
    HeadSpec head,
    WidthRange widths,
    double seRatio) {

  public SearchSpace {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(stem, "stem");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(widths, "widths");
    if (classes < 1) {
      throw new IllegalArgumentException("classes must be >= 1, got " + classes);
    }
    if (!(seRatio > 0 && seRatio <= 1)) {
      throw new IllegalArgumentException("seRatio must be in (0, 1], got " + seRatio);
    }
    if (stages == null || stages.isEmpty()) {
      throw new IllegalArgumentException("a space needs at least one stage");
    }
    stages = List.copyOf(stages);
    checkSkips(stages);
  }

  /**
   * Skip is allowed only in blocks that are not the first of their stage: only there are input and
   * output shapes equal for every width choice (stage outputs form one width group, strides are 1).
   * Proj (a 1x1 conv at the block's stride) is allowed anywhere.
   */
  private static void checkSkips(List<StageChoice> stages) {
    int index = 0;
    for (int s = 0; s < stages.size(); s++) {
      List<BlockChoice> blocks = stages.get(s).blocks();
      for (int p = 0; p < blocks.size(); p++) {
        BlockChoice b = blocks.get(p);
        if (p == 0 && b.allowsSkip()) {
          throw new IllegalArgumentException(BlockLayout.label(index, s, p)
              + ": skip is allowed only where input and output shapes match, i.e. not in the first block of a stage"
              + " (use 'proj', a 1x1 conv + BN at the block's stride, for an identity that changes shape)");
        }
        index++;
      }
    }
  }

  /** All block choices in order. */
  public List<BlockChoice> blocks() {
    List<BlockChoice> out = new ArrayList<>();
    stages.forEach(s -> out.addAll(s.blocks()));
    return List.copyOf(out);
  }

  public int blockCount() {
    return stages.stream().mapToInt(s -> s.blocks().size()).sum();
  }

  /** Indices of the blocks with more than one op. */
  public List<Integer> searchableBlocks() {
    List<BlockChoice> all = blocks();
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).searchable()) {
        out.add(i);
      }
    }
    return List.copyOf(out);
  }

  /** The width groups, in encoding order: stem, one per stage, one hidden per expanding block, head. */
  public List<WidthGroup> widthGroups() {
    List<WidthGroup> groups = new ArrayList<>();
    groups.add(new WidthGroup(0, "stem", WidthGroup.Kind.STEM, stem.channels(), -1, -1));
    for (int s = 0; s < stages.size(); s++) {
      groups.add(new WidthGroup(groups.size(), "stage" + s, WidthGroup.Kind.STAGE, stages.get(s).out(), s, -1));
    }
    int in = stem.channels();
    int index = 0;
    for (int s = 0; s < stages.size(); s++) {
      for (BlockChoice b : stages.get(s).blocks()) {
        if (b.maxExpansion() > 1) {
          groups.add(new WidthGroup(groups.size(), "block" + index + ".hidden", WidthGroup.Kind.HIDDEN, in, s, index));
        }
        in = stages.get(s).out();
        index++;
      }
    }
    groups.add(new WidthGroup(groups.size(), "head", WidthGroup.Kind.HEAD, head.channels(), -1, -1));
    return List.copyOf(groups);
  }

  /** Number of ops each block may take (1 for fixed blocks). */
  public ImmutableIntArray opCardinalities() {
    return ImmutableIntArray.copyOf(blocks().stream().mapToInt(b -> b.ops().size()).toArray());
  }

  /** Builds the architecture an encoding describes. */
  public ArchSpec decode(ArchEncoding enc) {
    List<WidthGroup> groups = widthGroups();
    List<BlockChoice> choices = blocks();
    if (enc.ops().length() != choices.size()) {
      throw new IllegalArgumentException("encoding has " + enc.ops().length() + " op decisions, space '" + name
          + "' has " + choices.size() + " blocks");
    }
    if (enc.widths().length() != groups.size()) {
      throw new IllegalArgumentException("encoding has " + enc.widths().length() + " width decisions, space '" + name
          + "' has " + groups.size() + " width groups");
    }
    int[] hiddenGroup = hiddenGroupIndex(groups, choices.size());
    int stemC = widths.channels(stem.channels(), enc.widths().get(0));
    int in = stemC;
    int index = 0;
    List<StageSpec> out = new ArrayList<>();
    for (int s = 0; s < stages.size(); s++) {
      StageChoice st = stages.get(s);
      int outC = widths.channels(st.out(), enc.widths().get(1 + s));
      List<BlockSpec> blocks = new ArrayList<>();
      for (BlockChoice b : st.blocks()) {
        int opIndex = enc.ops().get(index);
        if (opIndex < 0 || opIndex >= b.ops().size()) {
          throw new IllegalArgumentException(BlockLayout.label(index, s, blocks.size()) + ": op index " + opIndex
              + " outside 0.." + (b.ops().size() - 1));
        }
        BlockOp op = b.ops().get(opIndex);
        blocks.add(blockSpec(op, in, groups, hiddenGroup[index], enc));
        in = outC;
        index++;
      }
      out.add(new StageSpec(st.stride(), outC, blocks));
    }
    int headC = widths.channels(head.channels(), enc.widths().get(groups.size() - 1));
    return new ArchSpec(name, input, classes, activation, stem.withChannels(stemC), out, head.withChannels(headC));
  }

  private BlockSpec blockSpec(BlockOp op, int in, List<WidthGroup> groups, int group, ArchEncoding enc) {
    if (!op.isMBConv()) {
      return BlockSpec.widthless(op);
    }
    int hidden = op.expansion() == 1 ? in
        : widths.channels(groups.get(group).base(op.expansion()), enc.widths().get(group));
    return new BlockSpec(op, hidden, op.se() ? seChannels(in) : 0);
  }

  /** Width of the SE reduce conv for a block with input width {@code in}. */
  public int seChannels(int in) {
    return Channels.makeDivisible(in * seRatio, widths.divisor());
  }

  private static int[] hiddenGroupIndex(List<WidthGroup> groups, int blocks) {
    int[] idx = new int[blocks];
    java.util.Arrays.fill(idx, -1);
    for (WidthGroup g : groups) {
      if (g.kind() == WidthGroup.Kind.HIDDEN) {
        idx[g.block()] = g.index();
      }
    }
    return idx;
  }

  /** The decisions of an architecture of this space; throws {@link ArchValidationException} otherwise. */
  public ArchEncoding encode(ArchSpec arch) {
    check(arch);
    List<WidthGroup> groups = widthGroups();
    double[] w = new double[groups.size()];
    java.util.Arrays.fill(w, widths.multiplierOf(1, 1));
    w[0] = widths.multiplierOf(stem.channels(), arch.stem().channels());
    for (int s = 0; s < stages.size(); s++) {
      w[1 + s] = widths.multiplierOf(stages.get(s).out(), arch.stages().get(s).out());
    }
    w[groups.size() - 1] = widths.multiplierOf(head.channels(), arch.head().channels());
    int[] hiddenGroup = hiddenGroupIndex(groups, blockCount());
    List<BlockChoice> choices = blocks();
    int[] ops = new int[choices.size()];
    for (BlockLayout b : arch.layout()) {
      ops[b.index()] = choices.get(b.index()).ops().indexOf(b.op());
      int g = hiddenGroup[b.index()];
      if (g >= 0 && b.op().expansion() > 1) {
        w[g] = widths.multiplierOf(groups.get(g).base(b.op().expansion()), b.spec().hidden());
      }
    }
    return ArchEncoding.of(ops, w);
  }

  /** Throws {@link ArchValidationException} listing every broken rule; returns quietly otherwise. */
  public void check(ArchSpec arch) {
    List<String> v = SpaceValidator.violations(this, arch);
    if (!v.isEmpty()) {
      throw new ArchValidationException(arch.name(), name, v);
    }
  }

  /** True when {@code arch} is an architecture of this space. */
  public boolean contains(ArchSpec arch) {
    return SpaceValidator.violations(this, arch).isEmpty();
  }

  /** An architecture drawn uniformly: each op uniformly from its block's set, each multiplier uniformly. */
  public ArchSpec sampleUniform(RandomGenerator rng) {
    int[] ops = blocks().stream().mapToInt(b -> rng.nextInt(b.ops().size())).toArray();
    double[] w = new double[widthGroups().size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = widths.isFixed() ? widths.min() : widths.min() + rng.nextDouble() * (widths.max() - widths.min());
    }
    return decode(ArchEncoding.of(ops, w)).withName(name + "-sample");
  }

  /** The smallest architecture: skip where allowed, else proj, else the smallest op; minimum widths. */
  public ArchSpec min() {
    return extreme(false).withName(name + "-min");
  }

  /** The largest architecture: the largest op of every block; maximum widths. */
  public ArchSpec max() {
    return extreme(true).withName(name + "-max");
  }

  private ArchSpec extreme(boolean largest) {
    List<BlockChoice> b = blocks();
    int[] ops = new int[b.size()];
    for (int i = 0; i < ops.length; i++) {
      ops[i] = b.get(i).ops().indexOf(largest ? b.get(i).largest() : b.get(i).smallest());
    }
    double[] w = new double[widthGroups().size()];
    java.util.Arrays.fill(w, largest ? widths.max() : widths.min());
    return decode(new ArchEncoding(ImmutableIntArray.copyOf(ops), ImmutableDoubleArray.copyOf(w)));
  }

  /** The same space with every base width scaled by {@code multiplier} (head as in MobileNetV2: never below its base). */
  public SearchSpace scaled(double multiplier) {
    if (!(multiplier > 0)) {
      throw new IllegalArgumentException("width multiplier must be > 0, got " + multiplier);
    }
    int d = widths.divisor();
    List<StageChoice> st = new ArrayList<>();
    for (StageChoice s : stages) {
      st.add(new StageChoice(s.stride(), Channels.makeDivisible(s.out() * multiplier, d), s.blocks()));
    }
    HeadSpec h = head.withChannels(Channels.makeDivisible(head.channels() * Math.max(1.0, multiplier), d));
    return new SearchSpace(name, description, input, classes, activation,
        stem.withChannels(Channels.makeDivisible(stem.channels() * multiplier, d)), st, h, widths, seRatio);
  }

  public SearchSpace withName(String newName) {
    return new SearchSpace(newName, description, input, classes, activation, stem, stages, head, widths, seRatio);
  }

  public SearchSpace withWidths(WidthRange newWidths) {
    return new SearchSpace(name, description, input, classes, activation, stem, stages, head, newWidths, seRatio);
  }
}
