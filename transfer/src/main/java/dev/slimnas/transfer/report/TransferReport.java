package dev.slimnas.transfer.report;

import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.transfer.overhead.Overhead;
import dev.slimnas.transfer.projection.LayerRow;
import dev.slimnas.transfer.projection.UnitRatio;
import dev.slimnas.transfer.rescale.Rescale;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything about one width transfer: its inputs, the proxy's ratios, the per-unit table of the target,
 * the rescale, the costs of the target baseline and of the transferred network, the overhead accounting,
 * the transferred architecture and where the report was made. JSON schema {@code slimnas.transfer-report}
 * (see {@code dev.slimnas.transfer.io.TransferFiles}); {@link #summary()} is the text printed with every transfer.
 */
public record TransferReport(
    TransferInputs inputs,
    List<UnitRatio> proxyRatios,
    List<LayerRow> layers,
    Rescale rescale,
    CostSummary baselineCost,
    CostSummary transferredCost,
    Overhead overhead,
    ArchSpec transferred,
    ReportProvenance provenance) {

  public TransferReport {
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(rescale, "rescale");
    Objects.requireNonNull(baselineCost, "baselineCost");
    Objects.requireNonNull(transferredCost, "transferredCost");
    Objects.requireNonNull(overhead, "overhead");
    Objects.requireNonNull(transferred, "transferred");
    Objects.requireNonNull(provenance, "provenance");
    proxyRatios = List.copyOf(proxyRatios);
    layers = List.copyOf(layers);
  }

  /** The report as text: inputs, per-unit table, rescale, costs and overhead. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append("width transfer ").append(inputs.proxyOptimized()).append(" -> ").append(inputs.target())
        .append(" (proxy ").append(inputs.proxy().code()).append(", optimizer ").append(inputs.optimizer())
        .append(", stacking ").append(inputs.stacking().code()).append(", divisor ").append(inputs.divisor())
        .append(")\n");
    sb.append(String.format(Locale.ROOT, "  %-14s %-14s %6s %6s %7s %6s %6s %7s%n",
        "layer", "from proxy", "p.base", "p.opt", "ratio", "t.base", "t.new", "mult"));
    for (LayerRow r : layers) {
      sb.append(String.format(Locale.ROOT, "  %-14s %-14s %6d %6d %7.4f %6d %6d %7.4f%n", r.name(), r.proxyLayer(),
          r.proxyBaseline(), r.proxyOptimized(), r.ratio(), r.targetBaseline(), r.transferred(), r.multiplier()));
    }
    sb.append("  ").append(rescale.summary()).append('\n');
    sb.append("  target baseline:    ").append(baselineCost.summary()).append('\n');
    sb.append("  transferred:        ").append(transferredCost.summary()).append('\n');
    overhead.summary().lines().forEach(l -> sb.append("  ").append(l).append('\n'));
    return sb.toString();
  }
}
