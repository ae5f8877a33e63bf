package dev.slimnas.transfer.proxy;

import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.StageChoice;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.Channels;
import dev.slimnas.space.spec.InputSpec;
import dev.slimnas.space.spec.StageSpec;
import dev.slimnas.transfer.projection.Rewidth;
import dev.slimnas.transfer.projection.Rounding;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds proxies of a target network or space by a {@link ProxySpec}.
 *
 * <ul>
 *   <li>Depth: stage {@code s} keeps its first {@code depth.keep(s)} blocks (the first block carries the
 *       stride and the change of width; the rest are same-shape blocks).
 *   <li>Width: stem and stage widths become {@code makeDivisible(w * m)}; a hidden width keeps its
 *       ratio to the block's (new) input width, {@code makeDivisible(hidden * in' / in)}, which for a
 *       baseline block ({@code hidden = e * in}) is {@code e * in'}, as in {@link SearchSpace#scaled};
 *       the head follows MobileNetV2 and {@link SearchSpace#scaled}: {@code makeDivisible(head * max(1, m))},
 *       so a narrower proxy keeps its head.
 *   <li>Resolution: {@code max(1, round(resolution * resolutionScale))}. Image fraction: not part of the
 *       architecture, see {@link ProxySpec#images(long)}.
 * </ul>
 */
public final class Proxies {
  private Proxies() {}

  /** The proxy's baseline architecture, divisor 8. */
  public static ArchSpec of(ArchSpec target, ProxySpec spec) {
    return of(target, spec, Channels.DEFAULT_DIVISOR);
  }

  /** The proxy's baseline architecture, named {@code <target>-proxy-<code>}. */
  public static ArchSpec of(ArchSpec target, ProxySpec spec, int divisor) {
    List<StageSpec> stages = new ArrayList<>();
    int n = target.stages().size();
    for (int s = 0; s < n; s++) {
      StageSpec st = target.stages().get(s);
      int keep = spec.depth().keep(s, n, st.blocks().size());
      stages.add(st.withBlocks(st.blocks().subList(0, keep)));
    }
    ArchSpec shallow = target.withStages(stages);
    double m = spec.widthMultiplier();
    ArchSpec narrow = Rewidth.apply(shallow, new Rewidth.WidthRule() {
      @Override
      public int stem(int c) {
        return Rounding.channels(c, m, divisor);
      }

      @Override
      public int stage(int stage, int c) {
        return Rounding.channels(c, m, divisor);
      }

      @Override
      public int hidden(BlockLayout b, int newIn) {
        return Rounding.channels(b.spec().hidden(), (double) newIn / b.inChannels(), divisor);
      }

      @Override
      public int head(int c) {
        return Rounding.channels(c, Math.max(1.0, m), divisor);
      }
    }, divisor);
    InputSpec in = target.input();
    return narrow.withInput(new InputSpec(spec.resolution(in.resolution()), in.channels()))
        .withName(target.name() + "-proxy-" + spec.code());
  }

  /**
   * The proxy space: the first blocks of each stage, every base width scaled by {@link SearchSpace#scaled}
   * (the space's divisor), the lower resolution. Its width range and op choices are the target's.
   */
  public static SearchSpace of(SearchSpace target, ProxySpec spec) {
    List<StageChoice> stages = new ArrayList<>();
    int n = target.stages().size();
    for (int s = 0; s < n; s++) {
      StageChoice st = target.stages().get(s);
      int keep = spec.depth().keep(s, n, st.blocks().size());
      List<BlockChoice> kept = st.blocks().subList(0, keep);
      stages.add(new StageChoice(st.stride(), st.out(), kept));
    }
    InputSpec in = target.input();
    SearchSpace shallow = new SearchSpace(target.name() + "-proxy-" + spec.code(),
        target.description() + "; proxy " + spec.code(), new InputSpec(spec.resolution(in.resolution()), in.channels()),
        target.classes(), target.activation(), target.stem(), stages, target.head(), target.widths(), target.seRatio());
    return spec.widthMultiplier() == 1.0 ? shallow : shallow.scaled(spec.widthMultiplier());
  }
}
