package dev.slimnas.transfer.targets;

import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.StageChoice;
import dev.slimnas.transfer.proxy.ProxySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Larger targets of a base space, the networks width transfer projects onto (e.g. "2x depth, 1.5x width"
 * of the CIFAR-scale space).
 *
 * <p>Depth: a stage with {@code n > 1} blocks gets {@code round(n * depthFactor)} blocks (at least 1); the
 * added blocks repeat the stage's second block choice (the same-shape residual block: stride 1, input
 * width = output width), so the stage's first block still carries its stride and change of width.
 * Single-block stages (MobileNetV2's first and last: a change of width only) stay single, as in the
 * MobileNetV2 family, whose deeper variants add blocks to the repeated stages. Width: every base width of
 * the deepened space is scaled by {@link SearchSpace#scaled} (divisor rule; the head never shrinks).
 */
public final class Targets {
  private Targets() {}

  /** {@code base} with its repeated stages {@code depthFactor} times as deep, then widened by {@code widthFactor}. */
  public static SearchSpace of(SearchSpace base, double depthFactor, double widthFactor) {
    if (!(widthFactor > 0) || Double.isInfinite(widthFactor)) {
      throw new IllegalArgumentException("width factor must be finite and > 0, got " + widthFactor);
    }
    SearchSpace deep = deeper(base, depthFactor);
    SearchSpace wide = widthFactor == 1.0 ? deep : deep.scaled(widthFactor);
    return wide.withName(base.name() + "-target-" + code(depthFactor, widthFactor));
  }

  /** {@code base} with every stage of more than one block {@code depthFactor} times as deep (see the class comment). */
  public static SearchSpace deeper(SearchSpace base, double depthFactor) {
    if (!(depthFactor > 0) || Double.isInfinite(depthFactor)) {
      throw new IllegalArgumentException("depth factor must be finite and > 0, got " + depthFactor);
    }
    List<StageChoice> stages = new ArrayList<>();
    for (StageChoice st : base.stages()) {
      List<BlockChoice> blocks = st.blocks();
      if (blocks.size() > 1) {
        int n = (int) Math.max(1, Math.round(blocks.size() * depthFactor));
        List<BlockChoice> out = new ArrayList<>(blocks.subList(0, Math.min(n, blocks.size())));
        while (out.size() < n) {
          out.add(blocks.get(1));
        }
        blocks = out;
      }
      stages.add(new StageChoice(st.stride(), st.out(), blocks));
    }
    return new SearchSpace(base.name(), base.description() + "; " + ProxySpec.number(depthFactor) + "x depth",
        base.input(), base.classes(), base.activation(), base.stem(), stages, base.head(), base.widths(), base.seRatio());
  }

  /** Short code, e.g. {@code d2-w1.5}. */
  public static String code(double depthFactor, double widthFactor) {
    return "d" + ProxySpec.number(depthFactor) + "-w" + ProxySpec.number(widthFactor);
  }
}
