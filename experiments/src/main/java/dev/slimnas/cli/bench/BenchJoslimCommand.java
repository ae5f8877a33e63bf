package dev.slimnas.cli.bench;

import dev.slimnas.optimizers.joslim.GpProposal;
import dev.slimnas.optimizers.joslim.JoslimSampler;
import dev.slimnas.optimizers.joslim.TargetCost;
import dev.slimnas.optimizers.joslim.WidthDomain;
import dev.slimnas.optimizers.objective.CostFunctions;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.Batch;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.slim.JoslimHook;
import dev.slimnas.supernet.slim.SandwichStep;
import dev.slimnas.supernet.slim.SlimmableFamily;
import dev.slimnas.supernet.slim.SubnetCache;
import dev.slimnas.supernet.slim.UniformWidthSampler;
import dev.slimnas.supernet.train.TrainStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code slimnas bench joslim}: the cost of one Joslim training step (sandwich rule: the full network, the
 * smallest and {@code --per-step} proposed sub-networks, with in-place distillation, plus the re-scoring and
 * proposal every {@code --tau} steps, amortised) against one plain training step of the full network and one
 * uniform-width sandwich step (US-Nets), same batch, alternating rounds in one process.
 */
@Command(name = "joslim", mixinStandardHelpOptions = true,
    description = {"Time a Joslim training step (sandwich rule with proposed widths, re-scoring every --tau steps amortised)"
        + " against a plain training step of the full network and a uniform-width sandwich step, same network, batch and"
        + " data, alternating rounds in one process; prints per-round times and the median ratios to the plain step."},
    footer = {"", "Example:", "  slimnas bench joslim --width 0.25 --rounds 5 --steps 20 --tau 20"})
public final class BenchJoslimCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--space", defaultValue = "spnas-cifar", description = "Search space (default ${DEFAULT-VALUE}).")
  String space;

  @Option(names = "--width", defaultValue = "0.25", description = "Width multiplier (default ${DEFAULT-VALUE}).")
  double width;

  @Option(names = "--op", defaultValue = "0", description = "Op index every block takes (default ${DEFAULT-VALUE}).")
  int op;

  @Option(names = "--batch", defaultValue = "128", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--per-step", defaultValue = "2", description = "Sampled sub-networks per sandwich step (default ${DEFAULT-VALUE}).")
  int perStep;

  @Option(names = "--tau", defaultValue = "20", description = "Joslim: steps between re-scoring and proposing (default ${DEFAULT-VALUE}).")
  int tau;

  @Option(names = "--proposals", defaultValue = "3", description = "Joslim: proposals per refresh (default ${DEFAULT-VALUE}).")
  int proposals;

  @Option(names = "--rounds", defaultValue = "5", description = "Alternating rounds (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--steps", defaultValue = "20", description = "Timed steps per method and round; a multiple of --tau amortises the refresh exactly (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps per method before the rounds (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--out", defaultValue = "runs/bench", paramLabel = "DIR", description = "Folder of bench-joslim.json (default ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws IOException {
    OutputPaths.checkFolder(out, "--out"); // before any work
    if (batch < 1 || rounds < 1 || steps < 1 || warmup < 0 || tau < 1) {
      throw new ParameterException(spec.commandLine(), "--batch, --rounds, --steps and --tau must be >= 1 and --warmup >= 0");
    }
    Nd4jSetup.ensure();
    PrintWriter o = spec.commandLine().getOut();
    SearchSpace s = SearchSpaces.get(space, width);
    SlimmableFamily family = SlimmableFamily.uniformOps(s, op);
    ArchSpec full = family.fullArch();
    NetSettings settings = new NetSettings(1, new Nesterovs(0.01, 0.9), 1e-5, 0.9, DataType.FLOAT);
    ComputationGraph plainNet = Networks.build(full, settings);
    ComputationGraph uniformNet = Networks.build(full, settings);
    ComputationGraph joslimNet = Networks.build(full, settings);
    Nd4j.getRandom().setSeed(1);
    int res = full.input().resolution();
    int c = full.input().channels();
    INDArray x = Nd4j.randn(DataType.FLOAT, batch, c, res, res);
    INDArray y = Nd4j.zeros(DataType.FLOAT, batch, full.classes());
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = i % full.classes();
      y.putScalar(i, labels[i], 1);
    }
    Batch validation = new Batch(x.dup().data().asFloat(), labels, c, res, res, full.classes(), 0, 0);
    SubnetCache uniformCache = new SubnetCache(settings, perStep + 2);
    SubnetCache joslimCache = new SubnetCache(settings, JoslimHook.ARCHIVE_CAP + 8);
    SandwichStep uniform = new SandwichStep(family, new UniformWidthSampler(family, perStep, 1), uniformCache);
    Path stateDir = Files.createTempDirectory("slimnas-bench-joslim");
    JoslimSampler sampler = JoslimSampler.builder(WidthDomain.of(s, family.ops()), CostFunctions.macs(s))
        .proposal(GpProposal.defaults()).target(TargetCost.uniform()).build();
    JoslimHook hook = new JoslimHook(family, sampler, joslimCache, validation, tau, perStep, proposals, 1, stateDir);
    SandwichStep joslim = new SandwichStep(family, hook, joslimCache);
    o.printf(Locale.ROOT, "%s x%.2f (op %d), batch %d: full network %,d params; sandwich = full + smallest + %d sampled; Joslim refresh every %d steps%n",
        space, width, op, batch, plainNet.numParams(), perStep, tau);
    o.flush();
    long[] step = new long[3];
    Method[] methods = {
        n -> TrainStep.FIT.fit(plainNet, x, y, step[0]++, 0),
        n -> uniform.fit(uniformNet, x, y, step[1]++, 0),
        n -> {
          hook.beforeFit(step[2], 0, joslimNet);
          joslim.fit(joslimNet, x, y, step[2]++, 0);
        }};
    for (int i = 0; i < warmup; i++) {
      for (Method m : methods) {
        m.run(i);
      }
    }
    // the Joslim timing starts at a refresh, so --steps a multiple of --tau counts refreshes exactly
    while (step[2] % tau != 0) {
      methods[2].run(0);
    }
    double[][] ms = new double[3][rounds];
    double[] uniformRatio = new double[rounds];
    double[] joslimRatio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      for (int m = 0; m < 3; m++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
          methods[m].run(i);
        }
        ms[m][r] = (System.nanoTime() - t0) / 1e6 / steps;
      }
      uniformRatio[r] = ms[1][r] / ms[0][r];
      joslimRatio[r] = ms[2][r] / ms[0][r];
      o.printf(Locale.ROOT, "round %d: plain %.1f ms/step, uniform sandwich %.1f (x%.2f), Joslim %.1f (x%.2f)%n", r + 1,
          ms[0][r], ms[1][r], uniformRatio[r], ms[2][r], joslimRatio[r]);
      o.flush();
    }
    o.printf(Locale.ROOT, "median step time relative to a plain step of the full network: Joslim %.2f, uniform sandwich %.2f;"
        + " Joslim / uniform sandwich %.3f%n", BenchText.median(joslimRatio), BenchText.median(uniformRatio), BenchText.median(joslimRatio) / BenchText.median(uniformRatio));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("space", space);
    report.put("width", width);
    report.put("op", op);
    report.put("batch", batch);
    report.put("perStep", perStep);
    report.put("tau", tau);
    report.put("proposals", proposals);
    report.put("steps", steps);
    report.put("plainMsPerStep", ms[0]);
    report.put("uniformSandwichMsPerStep", ms[1]);
    report.put("joslimMsPerStep", ms[2]);
    report.put("medianJoslimRatio", BenchText.median(joslimRatio));
    report.put("medianUniformSandwichRatio", BenchText.median(uniformRatio));
    report.put("backend", Nd4jSetup.describe());
    Files.createDirectories(out);
    Path file = out.resolve("bench-joslim.json");
    AtomicFiles.writeString(file, Json.toJson("slimnas.bench-joslim", 1, report));
    Provenance.of(file.getFileName().toString(), "benchmark", 1L, Json.fingerprint(report), Map.of("command", "bench joslim"))
        .writeBeside(file);
    o.println("report: " + file);
    BenchTrainCommand.deleteTree(stateDir);
    return 0;
  }

  /** One timed training step. */
  @FunctionalInterface
  private interface Method {
    void run(int i);
  }
}
