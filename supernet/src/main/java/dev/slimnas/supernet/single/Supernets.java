package dev.slimnas.supernet.single;

import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.supernet.layers.PointwiseActivation;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The single-path supernet of a search space: the space's largest architecture translated by
 * {@link Networks}, with every searchable block replaced by a {@link SinglePathBlock} (and its
 * expansion conv at expansion 6); fixed blocks, stem, head and classifier as in any translated network.
 * All thresholds start at 0, so at initialisation the hard indicators select the largest op everywhere.
 */
public final class Supernets {
  private Supernets() {}

  /**
   * Settings shared by every searchable block: indicator dropout rate, straight-through temperature and
   * the thresholds' own updater (null: the weights' updater from {@link NetSettings}).
   */
  public record BlockSettings(double indicatorDropout, double temperature, org.nd4j.linalg.learning.config.IUpdater thresholdUpdater) {
    public BlockSettings(double indicatorDropout, double temperature) {
      this(indicatorDropout, temperature, null);
    }

    public static BlockSettings defaults() {
      return new BlockSettings(0, 1);
    }
  }

  /** The configuration of the supernet of {@code space}. */
  public static ComputationGraphConfiguration graphConfig(SearchSpace space, NetSettings s, BlockSettings settings) {
    ArchSpec widest = space.max();
    PointwiseActivation act = PointwiseActivation.valueOf(widest.activation().name());
    return Networks.graphConfig(widest, s, (g, in, b) -> {
      if (!searchable(space, b)) {
        return null;
      }
      SearchableBlockSpec spec = SearchableBlockSpec.of(space, b);
      return SinglePathGraph.addBlock(g, in, spec, act, s.bnDecay(),
          SinglePathBlock.builder(spec.hidden(), spec.outChannels())
              .indicatorDropout(settings.indicatorDropout()).temperature(settings.temperature())
              .thresholdUpdater(settings.thresholdUpdater()));
    });
  }

  /** Allocates and initialises the supernet of {@code space}. */
  public static ComputationGraph build(SearchSpace space, NetSettings s, BlockSettings blockSettings) {
    Nd4jSetup.ensure();
    ComputationGraph net = new ComputationGraph(graphConfig(space, s, blockSettings));
    net.init();
    return net;
  }

  private static boolean searchable(SearchSpace space, BlockLayout b) {
    return space.blocks().get(b.index()).searchable();
  }
}
