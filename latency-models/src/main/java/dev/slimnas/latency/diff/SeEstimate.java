package dev.slimnas.latency.diff;

import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.spec.BlockSpec;

/**
 * An ESTIMATE of the latency of a squeeze-and-excitation path per block, for tables that have no SE
 * entries (both Pixel 1 tables): the block's k5e6 latency times the SE path's share of the block's
 * multiply-accumulates. SE is two tiny 1x1 convs on a pooled vector, so MAC-proportional pricing
 * under-estimates its real cost (pooling and the gate multiply touch the whole feature map); replace it
 * with measured entries when a profile has them.
 */
public final class SeEstimate {
  private SeEstimate() {}

  /** One value per block of the 224x224 Single-Path NAS macro-architecture (0 for fixed blocks). */
  public static double[] macProportional(BlockTable table) {
    return macProportional(table, SearchSpaces.singlePathNas());
  }

  /** One value per block of {@code space}'s macro-architecture (its largest architecture), 0 for fixed blocks. */
  public static double[] macProportional(BlockTable table, dev.slimnas.space.search.SearchSpace space) {
    ArchSpec ref = space.max();
    double[] out = new double[table.blockCount()];
    for (BlockLayout b : ref.layout()) {
      if (!table.searchable(b.index())) {
        continue;
      }
      int hidden = b.inChannels() * 6;
      int se = space.seChannels(b.inChannels());
      BlockLayout withSe = new BlockLayout(b.index(), b.stage(), b.position(), b.inChannels(), b.outChannels(),
          b.inResolution(), b.outResolution(), b.stride(), new BlockSpec(BlockOp.mbconv(5, 6, true), hidden, se), b.residual());
      long blockMacs = CostModel.ofBlock(withSe).macs();
      long seMacs = 2L * hidden * se;
      out[b.index()] = table.ms(b.index(), 5, 6) * seMacs / (double) blockMacs;
    }
    return out;
  }
}
