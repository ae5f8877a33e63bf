package dev.slimnas.cli.transfer;

import dev.slimnas.cli.WritesRunFolder;
import dev.slimnas.latency.LatencyModel;
import dev.slimnas.latency.LatencyModels;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.transfer.WidthTransfer;
import dev.slimnas.transfer.io.TransferFiles;
import dev.slimnas.transfer.projection.LayerRow;
import dev.slimnas.transfer.projection.ProxyRatios;
import dev.slimnas.transfer.projection.Stacking;
import dev.slimnas.transfer.projection.UnitRatio;
import dev.slimnas.transfer.proxy.ProxyResult;
import dev.slimnas.transfer.report.TransferReport;
import dev.slimnas.transfer.rescale.CostTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slimnas transfer}: projects a proxy's optimized widths onto a target network (see transfer/README.md). */
@Command(name = "transfer", mixinStandardHelpOptions = true,
    description = {"Width transfer: per-layer width ratios optimized on a proxy (slimnas.proxy-result JSON) re-applied to a",
        "target network's baseline widths, stacked onto deeper stages, rounded by the divisor rule and optionally",
        "rescaled to a latency, MACs or parameter budget. Writes arch.json, report.json (with the overhead accounting) and widths.png",
        "(proxy vs transferred, and directly optimized widths with --direct)."},
    footer = {"", "Example:", "  slimnas transfer --from proxy-result.json --to target.json --stacking linear \\",
        "      --budget-ms 60 --device pixel1-proxylessnas-fit --out runs/transfer"})
public final class TransferCommand implements Callable<Integer>, WritesRunFolder {
  @Spec
  CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "PROXY_RESULT", description = "The proxy's result (schema slimnas.proxy-result).")
  Path from;

  @Option(names = "--to", required = true, paramLabel = "TARGET", description = "The target's baseline architecture (schema slimnas.arch).")
  Path to;

  @Option(names = "--stacking", defaultValue = "nearest", description = "Layer stacking for deeper stages: nearest or linear (default ${DEFAULT-VALUE}).")
  String stacking;

  @Option(names = "--budget-ms", description = "Rescale the transferred widths to this predicted latency: one uniform scale, then"
      + " single units grown one divisor step at a time while the budget holds (see --no-fill).")
  Double budgetMs;

  @Option(names = "--budget-mmacs", description = "Rescale to this many million multiply-accumulates per image instead (exact,"
      + " by the cost model); at most one budget option.")
  Double budgetMmacs;

  @Option(names = "--budget-mparams", description = "Rescale to this many million parameters instead; at most one budget option.")
  Double budgetMparams;

  @Option(names = "--no-fill", description = "With a budget: only the uniform scale, no per-unit fill-up of what rounding leaves.")
  boolean noFill;

  @Option(names = "--width-range", paramLabel = "MIN,MAX", split = ",",
      description = "Keep every transferred width within MIN..MAX times the target's baseline width, e.g. 0.25,1.0"
          + " (the target space's width range when the baseline is the space at its largest widths; default: unbounded).")
  double[] widthRange;

  @Option(names = "--device", defaultValue = "pixel1-proxylessnas-fit", description = "Latency model for --budget-ms and the report (default ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--direct", paramLabel = "OPTIMIZED", description = "Widths optimized directly on the target, drawn beside"
      + " the transferred ones: a slimnas.arch of the target network, or the proxy-result.json of"
      + " 'slimnas optimize-widths --proxy identity' on the same target.")
  Path direct;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Override
  public Path runFolder() {
    return out;
  }

  @Override
  public Integer call() throws IOException {
    OutputPaths.checkFolder(out, "--out"); // before any work
    ProxyResult proxy = TransferFiles.readProxyResult(from);
    ArchSpec target = SpecFiles.readArch(to);
    ArchSpec directArch = direct == null ? null : TransferFiles.readOptimizedArch(direct);
    Map<String, Double> directMultipliers = direct == null ? Map.of() : directMultipliers(target, directArch);
    LatencyModel model = LatencyModels.get(device);
    WidthTransfer.Builder b = WidthTransfer.builder(proxy, target).stacking(Stacking.parse(stacking))
        .latencyModel(device, model::predict);
    CostTarget budget = budget(model);
    if (budget != null) {
      b.costTarget(budget).fillUp(!noFill);
    }
    if (widthRange != null) {
      if (widthRange.length != 2) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--width-range takes two numbers, MIN,MAX; got "
            + widthRange.length);
      }
      b.widthBounds(widthRange[0], widthRange[1]);
    }
    TransferReport r = b.run();
    OutputPaths.createFolder(out, "--out");
    Path arch = out.resolve("arch.json");
    AtomicFiles.writeString(arch, SpecFiles.archJson(r.transferred()));
    Path report = out.resolve("report.json");
    TransferFiles.writeReport(report, r);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("from", from.toString());
    d.put("to", to.toString());
    d.put("stacking", stacking);
    d.put("device", device);
    d.put("budget", budget == null ? "none" : budget.metric() + " " + budget.value());
    d.put("fillUp", budget != null && !noFill);
    d.put("widthRange", widthRange == null ? "none" : widthRange[0] + "," + widthRange[1]);
    d.put("direct", direct == null ? "none" : direct.toString());
    Provenance.of("arch.json", "architecture", null, null, d).writeBeside(arch);
    plot(r.layers(), directMultipliers, out.resolve("widths.png"));
    java.io.PrintWriter w = spec.commandLine().getOut();
    w.println(r.summary());
    if (directArch != null) {
      w.printf(Locale.ROOT, "directly optimized (%s): %.2f MMACs, %.2f ms on %s; transferred: %.2f MMACs, %.2f ms%n", direct,
          CostModel.of(directArch).macs() / 1e6, model.predict(directArch), device,
          CostModel.of(r.transferred()).macs() / 1e6, model.predict(r.transferred()));
    }
    w.println("wrote " + arch + ", " + report + ", " + out.resolve("widths.png"));
    w.flush();
    return 0;
  }

  /** The one budget option given, as a cost target; null for none. */
  private CostTarget budget(LatencyModel model) {
    long given = Stream.of(budgetMs, budgetMmacs, budgetMparams).filter(Objects::nonNull).count();
    if (given > 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give at most one of --budget-ms, --budget-mmacs and --budget-mparams");
    }
    String[] names = {"--budget-ms", "--budget-mmacs", "--budget-mparams"};
    Double[] values = {budgetMs, budgetMmacs, budgetMparams};
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null && !(values[i] > 0 && Double.isFinite(values[i]))) {
        throw new CommandLine.ParameterException(spec.commandLine(), names[i] + " must be a positive number, got " + values[i]);
      }
    }
    if (budgetMs != null) {
      return CostTarget.latency(device, budgetMs, model::predict);
    }
    if (budgetMmacs != null) {
      return CostTarget.macs(Math.round(budgetMmacs * 1e6));
    }
    return budgetMparams == null ? null : CostTarget.params(Math.round(budgetMparams * 1e6));
  }

  /** Each unit's width in {@code --direct}'s network over the target's baseline width, by unit name. */
  private Map<String, Double> directMultipliers(ArchSpec target, ArchSpec optimized) {
    try {
      return ProxyRatios.of(target, optimized).units().stream().collect(Collectors.toMap(UnitRatio::name, UnitRatio::ratio));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--direct " + direct + " is not a width variant of --to "
          + to + ": " + e.getMessage());
    }
  }

  /**
   * Per-layer widths as multipliers of each network's baseline: the proxy's optimized, the transferred and
   * (when given) the directly optimized ones.
   */
  private static void plot(List<LayerRow> rows, Map<String, Double> direct, Path file) {
    CategoryChart c = new CategoryChartBuilder().width(1100).height(500).title("per-layer width multipliers (of each network's baseline)")
        .xAxisTitle("target layer").yAxisTitle("width / baseline width").build();
    List<String> names = rows.stream().map(LayerRow::name).toList();
    c.addSeries("proxy optimized (ratio)", names, rows.stream().map(LayerRow::ratio).toList());
    c.addSeries("transferred", names, rows.stream().map(LayerRow::multiplier).toList());
    if (!direct.isEmpty()) {
      c.addSeries("directly optimized", names, rows.stream().map(r -> direct.get(r.name())).toList());
    }
    c.getStyler().setXAxisLabelRotation(90);
    try {
      BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
