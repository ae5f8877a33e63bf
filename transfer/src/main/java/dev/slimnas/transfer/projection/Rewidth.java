package dev.slimnas.transfer.projection;

import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockSpec;
import dev.slimnas.space.spec.StageSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds an architecture with new widths for its independent width units (stem, each stage's output,
 * each expanding block's hidden width, head), keeping every op. The dependent widths follow: an
 * expansion-1 block's hidden width is its new input width, and an SE reduce width scales with the
 * block's input width ({@code makeDivisible(se * newIn / oldIn)}), which keeps the SE ratio.
 */
public final class Rewidth {
  private Rewidth() {}

  /** New widths for the units of an architecture; each method gets the old width. */
  public interface WidthRule {
    int stem(int channels);

    int stage(int stage, int channels);

    /** New hidden width of an expanding block (expansion > 1), given its new input width. */
    int hidden(BlockLayout block, int newIn);

    int head(int channels);
  }

  public static ArchSpec apply(ArchSpec arch, WidthRule rule, int divisor) {
    int stem = rule.stem(arch.stem().channels());
    int[] outs = new int[arch.stages().size()];
    for (int s = 0; s < outs.length; s++) {
      outs[s] = rule.stage(s, arch.stages().get(s).out());
    }
    List<List<BlockSpec>> blocks = new ArrayList<>();
    arch.stages().forEach(st -> blocks.add(new ArrayList<>()));
    for (BlockLayout b : arch.layout()) {
      int newIn = b.position() == 0 ? (b.stage() == 0 ? stem : outs[b.stage() - 1]) : outs[b.stage()];
      blocks.get(b.stage()).add(block(b, newIn, rule, divisor));
    }
    List<StageSpec> stages = new ArrayList<>();
    for (int s = 0; s < outs.length; s++) {
      stages.add(new StageSpec(arch.stages().get(s).stride(), outs[s], blocks.get(s)));
    }
    // one constructor call: the shape rules hold only for the whole new network, not for a half-changed one
    return new ArchSpec(arch.name(), arch.input(), arch.classes(), arch.activation(), arch.stem().withChannels(stem),
        stages, arch.head().withChannels(rule.head(arch.head().channels())));
  }

  private static BlockSpec block(BlockLayout b, int newIn, WidthRule rule, int divisor) {
    BlockSpec s = b.spec();
    if (!s.op().isMBConv()) {
      return s; // skip and proj have no widths of their own: a proj's output is its stage's width
    }
    int hidden = s.op().expansion() == 1 ? newIn : rule.hidden(b, newIn);
    int se = s.op().se() ? Rounding.channels(s.se(), (double) newIn / b.inChannels(), divisor) : 0;
    return new BlockSpec(s.op(), hidden, se);
  }
}
