package dev.slimnas.cli.experiment;

import dev.slimnas.latency.LatencyModels;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.supernet.search.Readout;
import dev.slimnas.supernet.slim.SlimmableFamily;
import java.util.function.ToDoubleFunction;

/**
 * Predicted latency of a CIFAR-scale width configuration on a device, as the search prices it: the
 * same ops and per-layer width multipliers in the 224x224 deployment network ({@code spnas-224} with the
 * CIFAR space's width range), predicted by the device's latency model.
 */
public final class DeploymentLatency {
  private DeploymentLatency() {}

  /** Of a fixed-ops family's width configurations (the encoding's ops are ignored: the family's are used). */
  public static ToDoubleFunction<ArchEncoding> of(SlimmableFamily family, String device) {
    ToDoubleFunction<ArchEncoding> any = of(family.space(), device);
    return e -> any.applyAsDouble(new ArchEncoding(family.ops(), e.widths()));
  }

  /** Of any encoding of {@code space}, ops and widths. */
  public static ToDoubleFunction<ArchEncoding> of(SearchSpace space, String device) {
    SearchSpace deployment = SearchSpaces.get("spnas-224").withWidths(space.widths());
    Readout.check(space, deployment);
    var model = LatencyModels.get(device);
    return e -> model.predict(deployment.decode(e));
  }
}
