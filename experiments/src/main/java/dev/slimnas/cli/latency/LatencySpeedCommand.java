package dev.slimnas.cli.latency;

import dev.slimnas.cli.text.Table;
import dev.slimnas.experiments.jmh.PredictionBenchmark;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slimnas latency speed}: the JMH benchmark of predictions per second on one thread. */
@Command(name = "speed",
    footer = {"", "Examples:",
        "  slimnas latency speed",
        "  slimnas latency speed --iterations 10 --forks 2"},
    mixinStandardHelpOptions = true,
    description = "Run the JMH benchmark of the width-aware predictor (predictions per second of one architecture, one "
        + "thread; target >= 1,000,000/s so a search can call it freely).")
public final class LatencySpeedCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--iterations", defaultValue = "5", description = "Measurement iterations of 1 s (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--warmup", defaultValue = "3", description = "Warm-up iterations of 1 s (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--forks", defaultValue = "1", description = "Forked JVMs (0 = in this JVM; default: ${DEFAULT-VALUE}).")
  int forks;

  @Override
  public Integer call() throws RunnerException {
    Options opt = new OptionsBuilder().include(PredictionBenchmark.class.getName() + "\\.")
        .warmupIterations(warmup).warmupTime(TimeValue.seconds(1))
        .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
        .forks(forks).threads(1).verbosity(VerboseMode.SILENT)
        .jvmArgsAppend("-Xss4m").build();
    Collection<RunResult> results = new Runner(opt).run();
    PrintWriter o = spec.commandLine().getOut();
    Table t = Table.of("BENCHMARK", "SPACE", ">PREDICTIONS/S", ">ERROR (99.9%)", ">TARGET 1e6/s");
    for (RunResult r : results) {
      var s = r.getPrimaryResult();
      String name = r.getParams().getBenchmark();
      t.row(name.substring(name.lastIndexOf('.') + 1), r.getParams().getParam("space"),
          String.format(Locale.ROOT, "%,.0f", s.getScore()), String.format(Locale.ROOT, "%,.0f", s.getScoreError()),
          s.getScore() >= 1e6 ? "met" : "NOT met");
    }
    o.print(t.render());
    return 0;
  }
}
