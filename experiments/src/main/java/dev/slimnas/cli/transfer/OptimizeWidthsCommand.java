package dev.slimnas.cli.transfer;

import dev.slimnas.cli.WritesRunFolder;
import dev.slimnas.cli.experiment.TransferExperimentCommand;
import dev.slimnas.cli.experiment.WidthOptimization;
import dev.slimnas.cli.experiment.WidthOptimizationOptions;
import dev.slimnas.cli.train.ProgressBarListener;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.slim.SlimmableFamily;
import dev.slimnas.transfer.proxy.ProxySpec;
import dev.slimnas.transfer.targets.Targets;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code slimnas optimize-widths}: the first half of width transfer. Builds the target (a CIFAR-scale space,
 * optionally deeper and wider) and a proxy of it, trains the proxy's shared weights slimmably on CIFAR-10 and
 * optimizes its per-layer widths under a MACs budget; writes {@code proxy-result.json} and the target's
 * baseline {@code target.json}, the inputs of {@code slimnas transfer}.
 */
@Command(name = "optimize-widths", mixinStandardHelpOptions = true,
    description = {"Optimize per-layer widths on a cheap proxy of a target network (CIFAR-10, slimmable training, then",
        "NSGA-II, greedy slimming or Joslim under a MACs budget). Writes proxy-result.json and target.json for",
        "'slimnas transfer'; resumable."},
    footer = {"", "Proxies: identity (the target itself), shallow, narrow, lowres, or a slimnas.proxy JSON file.", "",
        "Example:", "  slimnas optimize-widths --depth 2 --widen 1.5 --proxy shallow --optimizer greedy --out runs/proxy",
        "  slimnas transfer --from runs/proxy/proxy-result.json --to runs/proxy/target.json --out runs/transferred"})
public final class OptimizeWidthsCommand implements Callable<Integer>, WritesRunFolder {
  @Spec
  CommandSpec spec;

  @Option(names = "--space", defaultValue = "spnas-cifar", description = "CIFAR-scale base space (default ${DEFAULT-VALUE}).")
  String spaceName;

  @Option(names = "--base-width", defaultValue = "0.25", description = "Width multiplier of the base network (default ${DEFAULT-VALUE}).")
  double baseWidth;

  @Option(names = "--depth", defaultValue = "1", description = "Target depth factor of the repeated stages (default ${DEFAULT-VALUE}).")
  double depth;

  @Option(names = "--widen", defaultValue = "1", description = "Target width factor over the base (default ${DEFAULT-VALUE}).")
  double widen;

  @Option(names = "--op", defaultValue = "0", description = "Op index every block takes (default ${DEFAULT-VALUE}).")
  int op;

  @Option(names = "--proxy", defaultValue = "shallow", description = "Proxy kind or slimnas.proxy JSON file (default ${DEFAULT-VALUE}).")
  String proxy;

  @Mixin
  WidthOptimizationOptions options;

  @Option(names = "--images", defaultValue = "4000", description = "Training images before the proxy's image fraction (default ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--epochs", defaultValue = "1", description = "Epochs of slimmable training (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Override
  public Path runFolder() {
    return out;
  }

  @Option(names = "--quiet", description = "No progress bar; a log line every 50 steps.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    OutputPaths.checkFolder(out, "--out"); // before any work
    SearchSpace target = Targets.of(SearchSpaces.get(spaceName, baseWidth), depth, widen);
    ProxySpec p = proxy.equals("identity") ? ProxySpec.identity() : TransferExperimentCommand.proxySpec(proxy);
    WidthOptimization.Optimizer optimizer = options.optimizer();
    WidthOptimization.Subject.proxySpace(target, p); // checks the proxy before the data is loaded
    WidthOptimization.Subject.checkImages(p, images);
    WidthOptimization.Subject subject = WidthOptimization.Subject.of(target, p, op, () -> Cifar10.load().search(), images,
        options.valImages(), seed);
    WidthOptimization.Settings settings = options.settings(images, epochs);
    PrintWriter w = spec.commandLine().getOut();
    WidthOptimization.Outcome o = WidthOptimization.run(subject,
        optimizer, settings, seed, out,
        ProgressBarListener.of(quiet, new PrintStream(new FileOutputStream(FileDescriptor.out), true)));
    ArchSpec baseline = SlimmableFamily.uniformOps(target, op).fullArch();
    OutputPaths.createFolder(out, "--out");
    Path targetFile = out.resolve("target.json");
    AtomicFiles.writeString(targetFile, SpecFiles.archJson(baseline));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("space", spaceName);
    d.put("baseWidth", baseWidth);
    d.put("depth", depth);
    d.put("widen", widen);
    d.put("op", op);
    Provenance.of("target.json", "architecture", seed, null, d).writeBeside(targetFile);
    w.printf(Locale.ROOT, "proxy %s (%s): %.1f -> %.1f MMACs (budget %.1f), %d evaluations, %.0f s (training %.0f s)%n",
        subject.space().name(), o.result().optimizer(), CostModel.of(o.result().baseline()).macs() / 1e6,
        CostModel.of(o.result().optimized()).macs() / 1e6, o.record().budgetMacs() / 1e6, o.record().evaluations(),
        o.record().seconds(), o.record().trainingSeconds());
    w.println("wrote " + out.resolve("proxy-result.json") + " and " + targetFile
        + "; next: slimnas transfer --from " + out.resolve("proxy-result.json") + " --to " + targetFile + " --out DIR");
    w.flush();
    return 0;
  }
}
