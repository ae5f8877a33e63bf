package dev.slimnas.cli.experiment;

import dev.slimnas.latency.LatencyBreakdown;
import dev.slimnas.latency.LatencyModel;
import dev.slimnas.latency.LatencyModels;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Predicted latency of any network of a space whose blocks may be {@code proj}, on a device model that
 * prices MBConv blocks only (both Pixel 1 models): the network is predicted with every proj block
 * replaced by the block's smallest MBConv choice, and that block's predicted latency is then scaled by
 * the MAC ratio proj / MBConv (an ESTIMATE: a 1x1 conv is priced at the MBConv block's ms per MAC). The
 * networks are priced at their own resolution (32x32 for NAS-Bench-Macro): the fitted Pixel 1 model
 * extrapolates from its 224x224 data, so read the values as a second cost with the shape of a mobile
 * runtime, not as Pixel 1 milliseconds.
 */
public final class BenchLatency {
  private BenchLatency() {}

  public static ToDoubleFunction<ArchEncoding> of(SearchSpace space, String device) {
    LatencyModel model = LatencyModels.get(device);
    List<BlockChoice> blocks = space.blocks();
    int[] stand = new int[blocks.size()];
    for (int b = 0; b < stand.length; b++) {
      List<BlockOp> ops = blocks.get(b).ops();
      stand[b] = ops.stream().filter(BlockOp::isMBConv).min(BlockChoice.BY_SIZE).map(ops::indexOf).orElse(-1);
    }
    return e -> {
      ArchSpec arch = space.decode(e);
      ArchEncoding priced = e;
      boolean anyProj = false;
      for (BlockLayout b : arch.layout()) {
        if (b.op().isProjection()) {
          if (stand[b.index()] < 0) {
            throw new IllegalArgumentException("block " + b.label() + " of space " + space.name()
                + " has no MBConv choice to price its proj from");
          }
          priced = priced.withOp(b.index(), stand[b.index()]);
          anyProj = true;
        }
      }
      if (!anyProj) {
        return model.predict(arch);
      }
      ArchSpec standIn = space.decode(priced);
      LatencyBreakdown parts = model.breakdown(standIn);
      double total = parts.fixed();
      for (BlockLayout b : arch.layout()) {
        double ms = parts.blocks().get(b.index());
        if (b.op().isProjection()) {
          ms *= (double) CostModel.ofBlock(b).macs() / CostModel.ofBlock(standIn.layout().get(b.index())).macs();
        }
        total += ms;
      }
      return total;
    };
  }
}
