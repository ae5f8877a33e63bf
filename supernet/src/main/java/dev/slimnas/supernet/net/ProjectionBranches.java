package dev.slimnas.supernet.net;

import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link Networks.BlockOverride} that adds, at the given blocks, a projection branch beside the
 * standard block: the block as usual, the {@code proj} unit (1x1 conv at the block's stride + BN, named
 * {@code b<i>.proj.conv} / {@code b<i>.proj.bn} exactly as {@link Networks} names a proj block) from the
 * block's input, and an add of the two ({@code b<i>.store.add}).
 *
 * <p>It exists to give a weight store (the graph that holds a weight-sharing supernet's parameters) the
 * proj parameters of a space whose blocks choose between proj and MBConvs: a proj is no window of an
 * MBConv, so the largest network alone has no place for its weights. What such a graph computes is no
 * member of the space; a store built with it is never run forward, only copied from and updated.
 */
public final class ProjectionBranches implements Networks.BlockOverride {
  /** Suffix of the add vertex joining a block and its projection branch. */
  public static final String ADD = "store.add";

  private final ArchSpec arch;
  private final double bnDecay;
  private final Set<Integer> blocks;

  /**
   * @param arch the architecture the graph translates (activation and block shapes)
   * @param settings BN decay of the branches
   * @param blocks global indices of the blocks that get a projection branch
   */
  public ProjectionBranches(ArchSpec arch, NetSettings settings, Set<Integer> blocks) {
    this.arch = arch;
    this.bnDecay = settings.bnDecay();
    this.blocks = Set.copyOf(new TreeSet<>(blocks));
    for (int b : this.blocks) {
      if (b < 0 || b >= arch.layout().size()) {
        throw new IllegalArgumentException("block " + b + " is not a block of " + arch.name() + " (0.." + (arch.layout().size() - 1) + ")");
      }
      if (arch.layout().get(b).op().isProjection() || arch.layout().get(b).op().isSkip()) {
        throw new IllegalArgumentException("block " + b + " of " + arch.name() + " is " + arch.layout().get(b).op().code()
            + ": a projection branch goes beside a block with parameters of its own");
      }
    }
  }

  @Override
  public String add(org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder g, String in, BlockLayout b) {
    if (!blocks.contains(b.index())) {
      return null;
    }
    GraphAssembler a = new GraphAssembler(g, arch.activation(), bnDecay);
    String main = Networks.addBlock(a, b, in);
    String proj = a.convUnit(VertexNames.block(b.index(), "proj"), in, 1, b.stride(), b.inChannels(), b.outChannels(), false, false);
    return a.add(VertexNames.block(b.index(), ADD), main, proj);
  }
}
