package dev.slimnas.cli.bench;

import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.single.SearchableBlock;
import dev.slimnas.supernet.single.SinglePathGraph;
import dev.slimnas.supernet.single.Supernets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
 * {@code slimnas bench supernet}: one training step of the single-path supernet (with the search loop's
 * per-step work: reading every block's indicators and adding a latency gradient) against one training
 * step of the largest stand-alone network of the same space, same batch, alternating in one process.
 */
@Command(name = "supernet", mixinStandardHelpOptions = true,
    description = {"Time a training step of the single-path supernet of a space (with the search loop's per-step"
        + " indicator read-out and latency gradient) against a training step of the space's largest stand-alone"
        + " network (every searchable block k5e6 with the same widths), same batch and data, alternating rounds in"
        + " one process; prints per-round times and the median ratio supernet/stand-alone (issue target <= 1.3)."},
    footer = {"", "Example:", "  slimnas bench supernet --space spnas-cifar --width 0.5 --rounds 5 --steps 10"})
public final class BenchSupernetCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--space", defaultValue = "spnas-cifar", description = "Search space (default ${DEFAULT-VALUE}).")
  String space;

  @Option(names = "--width", defaultValue = "0.5", description = "Width multiplier (default ${DEFAULT-VALUE}).")
  double width;

  @Option(names = "--batch", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--rounds", defaultValue = "5", description = "Alternating rounds (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--steps", defaultValue = "10", description = "Timed steps per network and round (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps per network before the rounds (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--out", defaultValue = "runs/bench", paramLabel = "DIR",
      description = "Folder of bench-supernet.json (default ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    OutputPaths.checkFolder(out, "--out"); // before any work
    if (batch < 1 || rounds < 1 || steps < 1 || warmup < 0) {
      throw new ParameterException(spec.commandLine(), "--batch, --rounds and --steps must be >= 1 and --warmup >= 0");
    }
    Nd4jSetup.ensure();
    PrintWriter o = spec.commandLine().getOut();
    SearchSpace s = SearchSpaces.get(space, width);
    ArchSpec largest = s.max();
    NetSettings settings = new NetSettings(1, new Nesterovs(0.01, 0.9), 1e-5, 0.9, DataType.FLOAT);
    ComputationGraph supernet = Supernets.build(s, settings, Supernets.BlockSettings.defaults());
    ComputationGraph plain = Networks.build(largest, settings);
    List<SearchableBlock> blocks = SinglePathGraph.blocks(supernet);
    Nd4j.getRandom().setSeed(1);
    int res = largest.input().resolution();
    INDArray x = Nd4j.randn(DataType.FLOAT, batch, largest.input().channels(), res, res);
    INDArray y = Nd4j.zeros(DataType.FLOAT, batch, largest.classes());
    for (int i = 0; i < batch; i++) {
      y.putScalar(i, i % largest.classes(), 1);
    }
    o.printf(Locale.ROOT, "%s at width %.2f, batch %d: supernet %d searchable blocks, %,d params; largest stand-alone %,d params%n",
        space, width, batch, blocks.size(), supernet.numParams(), plain.numParams());
    o.flush();
    for (int i = 0; i < warmup; i++) {
      step(supernet, blocks, x, y);
      step(plain, List.of(), x, y);
    }
    double[] sup = new double[rounds];
    double[] std = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      sup[r] = time(supernet, blocks, x, y);
      std[r] = time(plain, List.of(), x, y);
      ratio[r] = sup[r] / std[r];
      o.printf(Locale.ROOT, "round %d: supernet %.1f ms/step, stand-alone %.1f ms/step, ratio %.3f%n", r + 1, sup[r], std[r], ratio[r]);
      o.flush();
    }
    double median = BenchText.median(ratio);
    o.printf(Locale.ROOT, "median supernet/stand-alone step time: %.3f (target <= 1.3); medians %.1f vs %.1f ms/step%n", median,
        BenchText.median(sup), BenchText.median(std));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("space", space);
    report.put("width", width);
    report.put("batch", batch);
    report.put("steps", steps);
    report.put("supernetMsPerStep", sup);
    report.put("standaloneMsPerStep", std);
    report.put("ratios", ratio);
    report.put("medianRatio", median);
    report.put("backend", Nd4jSetup.describe());
    Path file = out.resolve("bench-supernet.json");
    AtomicFiles.writeString(file, Json.toJson("slimnas.bench-supernet", 1, report));
    Provenance.of(file.getFileName().toString(), "benchmark", 1L, Json.fingerprint(report), Map.of("command", "bench supernet"))
        .writeBeside(file);
    o.println("report: " + file);
    return 0;
  }

  private double time(ComputationGraph net, List<SearchableBlock> blocks, INDArray x, INDArray y) {
    long t0 = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      step(net, blocks, x, y);
    }
    return (System.nanoTime() - t0) / 1e6 / steps;
  }

  /** One step; for the supernet with what the search loop does per step (read indicators, add a latency gradient). */
  private static void step(ComputationGraph net, List<SearchableBlock> blocks, INDArray x, INDArray y) {
    for (SearchableBlock b : blocks) {
      b.state();
      b.addIndicatorGradient(new double[] {1e-4, 1e-4, 1e-4, 0});
    }
    net.fit(new INDArray[] {x}, new INDArray[] {y});
  }

}
