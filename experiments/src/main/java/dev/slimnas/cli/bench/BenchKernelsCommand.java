package dev.slimnas.cli.bench;

import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.Json;
import dev.slimnas.supernet.kernels.DepthwiseBackward;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code slimnas bench kernels}: the depthwise convolution's backward pass through the Java kernel
 * ({@link DepthwiseBackward#run}, copies in and out of ND4J included) against ND4J's
 * {@code depthwise_conv2d_bp}, for 3x3 and 5x5 kernels at strides 1 and 2, alternating in one process;
 * prints per-case medians, the ratio Java/ND4J and whether {@link DepthwiseBackward#javaPays}, the rule
 * {@code DepthwiseConv} follows, picks the faster one.
 */
@Command(name = "kernels", mixinStandardHelpOptions = true,
    description = {"Time the depthwise convolution's backward pass through SlimNAS's Java kernel (copies included)",
        "against ND4J's depthwise_conv2d_bp on the same float maps, for 3x3 and 5x5 kernels at strides 1 and 2,",
        "alternating rounds in one process; prints the median ratio Java/ND4J per case and whether the rule",
        "DepthwiseBackward.javaPays (which DepthwiseConv's backward follows) picks the faster kernel: agrees,",
        "DISAGREES, tie (median within 10%) or mixed (the rounds disagree among themselves)."},
    footer = {"", "Example (the shape supernet/README.md quotes):",
        "  slimnas bench kernels --batch 64 --channels 96 --size 32 --rounds 5"})
public final class BenchKernelsCommand implements Callable<Integer> {
  /** Ratios within this of 1 are ties: either kernel is a right choice. */
  static final double TIE = 0.10;

  @Spec
  CommandSpec spec;

  @Option(names = "--batch", defaultValue = "64", description = "Batch size N (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--channels", defaultValue = "96", description = "Channels C (default ${DEFAULT-VALUE}).")
  int channels;

  @Option(names = "--size", defaultValue = "32", description = "Spatial size H = W of the input (default ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--rounds", defaultValue = "5", description = "Alternating rounds (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--reps", defaultValue = "3", description = "Timed calls per kernel, case and round (default ${DEFAULT-VALUE}).")
  int reps;

  @Option(names = "--out", defaultValue = "runs/bench", paramLabel = "DIR",
      description = "Folder of bench-kernels.json (default ${DEFAULT-VALUE}).")
  Path out;

  /** One kernel size and stride with its arrays. */
  private record Case(int k, int s, int top, int left, INDArray x, INDArray w, INDArray dy) {
    String label() {
      return k + "x" + k + " stride " + s;
    }
  }

  @Override
  public Integer call() {
    OutputPaths.checkFolder(out, "--out"); // before any work
    if (batch < 1 || channels < 1 || size < 1 || rounds < 1 || reps < 1) {
      throw new ParameterException(spec.commandLine(), "--batch, --channels, --size, --rounds and --reps must be >= 1");
    }
    Nd4jSetup.ensure();
    PrintWriter o = spec.commandLine().getOut();
    Nd4j.getRandom().setSeed(1);
    List<Case> cases = new ArrayList<>();
    for (int k : new int[] {3, 5}) {
      for (int s : new int[] {1, 2}) {
        cases.add(newCase(k, s));
      }
    }
    o.printf(Locale.ROOT, "depthwise backward on [%d, %d, %d, %d] float, %s%n", batch, channels, size, size, Nd4jSetup.describe());
    for (Case c : cases) { // warm-up, and both kernels must agree before their times mean anything
      double diff = maxRelativeDifference(java(c), nd4j(c));
      if (diff > 1e-3) {
        throw new IllegalStateException(c.label() + ": the Java and ND4J gradients differ by " + diff + " (relative)");
      }
    }
    double[][] javaMs = new double[cases.size()][rounds];
    double[][] nd4jMs = new double[cases.size()][rounds];
    for (int r = 0; r < rounds; r++) {
      StringBuilder line = new StringBuilder("round " + (r + 1) + ":");
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        javaMs[i][r] = time(() -> java(c));
        nd4jMs[i][r] = time(() -> nd4j(c));
        line.append(String.format(Locale.ROOT, "  %s %.1f/%.1f ms", c.label(), javaMs[i][r], nd4jMs[i][r]));
      }
      o.println(line);
      o.flush();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    o.println();
    o.println("| case | Java ms (median) | ND4J ms (median) | median ratio Java/ND4J | javaPays | rule |");
    o.println("|---|---|---|---|---|---|");
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratio[r] = javaMs[i][r] / nd4jMs[i][r];
      }
      double median = BenchText.median(ratio);
      boolean pays = DepthwiseBackward.javaPays(c.k(), c.s());
      String verdict = verdict(ratio, median, pays);
      o.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.3f | %s | %s |%n", c.label(), BenchText.median(javaMs[i]),
          BenchText.median(nd4jMs[i]), median, pays, verdict);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("kernel", c.k());
      row.put("stride", c.s());
      row.put("javaMs", javaMs[i]);
      row.put("nd4jMs", nd4jMs[i]);
      row.put("medianRatio", median);
      row.put("javaPays", pays);
      row.put("verdict", verdict);
      rows.add(row);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("shape", new int[] {batch, channels, size, size});
    report.put("reps", reps);
    report.put("cases", rows);
    report.put("backend", Nd4jSetup.describe());
    Path file = out.resolve("bench-kernels.json");
    AtomicFiles.writeString(file, Json.toJson("slimnas.bench-kernels", 1, report));
    Provenance.of(file.getFileName().toString(), "benchmark", 1L, Json.fingerprint(report), Map.of("command", "bench kernels"))
        .writeBeside(file);
    o.println("report: " + file);
    o.flush();
    return 0;
  }

  /**
   * Whether the rule picked the faster kernel: {@code tie} when the median ratio is within {@link #TIE} of 1,
   * {@code mixed (j of n rounds Java faster)} when the rounds do not all side with the median, else
   * {@code agrees} or {@code DISAGREES}.
   */
  static String verdict(double[] ratios, double median, boolean javaPays) {
    if (Math.abs(median - 1) <= TIE) {
      return "tie";
    }
    int javaFaster = 0;
    for (double r : ratios) {
      javaFaster += r < 1 ? 1 : 0;
    }
    if (javaFaster != 0 && javaFaster != ratios.length) {
      return "mixed (" + javaFaster + " of " + ratios.length + " rounds Java faster)";
    }
    return (median < 1) == javaPays ? "agrees" : "DISAGREES";
  }

  private Case newCase(int k, int s) {
    INDArray x = Nd4j.randn(DataType.FLOAT, batch, channels, size, size);
    INDArray w = Nd4j.randn(DataType.FLOAT, k, k, channels, 1).muli(0.1);
    int[] outSize = ConvolutionUtils.getOutputSize(x, new int[] {k, k}, new int[] {s, s}, null, ConvolutionMode.Same,
        new int[] {1, 1}, CNN2DFormat.NCHW);
    int[] pad = ConvolutionUtils.getSameModeTopLeftPadding(outSize, new int[] {size, size}, new int[] {k, k},
        new int[] {s, s}, new int[] {1, 1});
    INDArray dy = Nd4j.randn(DataType.FLOAT, batch, channels, outSize[0], outSize[1]);
    return new Case(k, s, pad[0], pad[1], x, w, dy);
  }

  private static INDArray[] java(Case c) {
    INDArray dx = Nd4j.create(DataType.FLOAT, c.x().shape());
    INDArray dw = Nd4j.create(DataType.FLOAT, c.w().shape());
    DepthwiseBackward.run(c.x(), c.w(), c.dy(), c.k(), c.s(), c.top(), c.left(), dx, dw);
    return new INDArray[] {dx, dw};
  }

  /** ND4J's op with the arguments {@code DepthwiseConvLayer} gives it. */
  private static INDArray[] nd4j(Case c) {
    INDArray dx = Nd4j.create(DataType.FLOAT, c.x().shape());
    INDArray dw = Nd4j.create(DataType.FLOAT, c.w().shape());
    Nd4j.getExecutioner().exec(DynamicCustomOp.builder("depthwise_conv2d_bp")
        .addInputs(c.x(), c.w(), c.dy())
        .addIntegerArguments(c.k(), c.k(), c.s(), c.s(), c.top(), c.left(), 1, 1, 1, 0)
        .addOutputs(dx, dw)
        .callInplace(false)
        .build());
    return new INDArray[] {dx, dw};
  }

  private double time(Runnable kernel) {
    long t0 = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      kernel.run();
    }
    return (System.nanoTime() - t0) / 1e6 / reps;
  }

  private static double maxRelativeDifference(INDArray[] a, INDArray[] b) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      double scale = Math.max(1e-12, b[i].amaxNumber().doubleValue());
      worst = Math.max(worst, a[i].sub(b[i]).amaxNumber().doubleValue() / scale);
    }
    return worst;
  }
}
