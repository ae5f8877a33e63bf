package dev.slimnas.latency.proxy;

import dev.slimnas.latency.DeviceProfile;
import dev.slimnas.latency.LatencyBreakdown;
import dev.slimnas.latency.LatencyModel;
import dev.slimnas.space.cost.Cost;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.cost.LayerCost;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import java.util.ArrayList;
import java.util.List;

/** Multiply-accumulates (MMAC) or parameters (Mparams) as latency proxies behind the latency interface. */
public final class CostProxy implements LatencyModel {
  /** What the proxy counts. */
  public enum Kind {
    MACS("macs", "MMAC"),
    PARAMS("params", "Mparams");

    final String id;
    final String unit;

    Kind(String id, String unit) {
      this.id = id;
      this.unit = unit;
    }
  }

  private final Kind kind;
  private final DeviceProfile profile;

  public CostProxy(Kind kind) {
    this.kind = kind;
    this.profile = new DeviceProfile(kind.id, "any (device-independent proxy)", "none", "n/a", 0, 1, kind.unit,
        "exact count by dev.slimnas.space.cost.CostModel");
  }

  @Override
  public DeviceProfile profile() {
    return profile;
  }

  @Override
  public double predict(ArchSpec arch) {
    Cost c = CostModel.of(arch);
    return value(c.macs(), c.params());
  }

  @Override
  public LatencyBreakdown breakdown(ArchSpec arch) {
    Cost c = CostModel.of(arch);
    double fixed = 0;
    for (LayerCost l : c.layers()) {
      if (l.block() < 0) {
        fixed += value(l.macs(), l.params());
      }
    }
    List<Double> blocks = new ArrayList<>();
    for (BlockLayout b : arch.layout()) {
      Cost bc = c.block(b.index());
      blocks.add(value(bc.macs(), bc.params()));
    }
    return new LatencyBreakdown(fixed, blocks, kind.unit);
  }

  private double value(long macs, long params) {
    return (kind == Kind.MACS ? macs : params) / 1e6;
  }
}
