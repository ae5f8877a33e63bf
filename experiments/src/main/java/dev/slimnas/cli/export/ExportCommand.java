package dev.slimnas.cli.export;

import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.supernet.export.BundleConfig;
import dev.slimnas.supernet.export.SlimmableModel;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.train.GraphFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slimnas export}: the stand-alone network of a slimmable bundle for a latency budget. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Pick the most accurate width configuration of a slimmable bundle whose predicted latency on the device",
        "is within the budget and write its stand-alone DL4J network (shared-weight prefixes, its own BN statistics)."},
    footer = {"", "Example:", "  slimnas export --bundle runs/slimmable/joslim-bundle --budget-ms 40 --out model-40ms.zip"})
public final class ExportCommand implements Callable<Integer> {
  @Option(names = "--bundle", required = true, description = "Bundle folder (slimnas bundle).")
  Path bundle;

  @Option(names = "--budget-ms", required = true, description = "Latency budget in ms.")
  double budgetMs;

  @Option(names = "--device", defaultValue = "pixel1-proxylessnas-fit", description = "Device of the budget (default ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--out", required = true, description = "Network file (DL4J zip).")
  Path out;

  @Override
  public Integer call() {
    if (!(budgetMs > 0 && Double.isFinite(budgetMs))) {
      throw new IllegalArgumentException("--budget-ms must be a positive number of milliseconds, got " + budgetMs);
    }
    OutputPaths.checkFile(out, "--out"); // before any work
    Nd4jSetup.ensure();
    SlimmableModel m = SlimmableModel.load(bundle);
    BundleConfig c = m.best(budgetMs, device).orElse(null);
    var graph = m.select(budgetMs, device); // throws with the fastest configuration when none fits
    GraphFiles.write(graph, out, false);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("bundle", bundle.toString());
    d.put("budgetMs", budgetMs);
    d.put("device", device);
    d.put("widths", c.widths());
    d.put("accuracy", c.accuracy());
    d.put("latencyMs", c.latencyMs());
    Provenance.of(out.getFileName().toString(), "network", null, m.manifest().weightsSha256(), d).writeBeside(out);
    System.out.printf(Locale.ROOT, "%s: accuracy %.2f%% (%s), %.2f ms on %s (budget %.2f ms)%n", out, 100 * c.accuracy(),
        m.manifest().accuracyOn(), c.latencyMs().get(device), device, budgetMs);
    return 0;
  }
}
