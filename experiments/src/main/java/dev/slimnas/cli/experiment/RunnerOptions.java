package dev.slimnas.cli.experiment;

import dev.slimnas.space.trial.TrialRunner;
import dev.slimnas.space.trial.TrialRunners;
import picocli.CommandLine.Option;

/** {@code --runner local|spark} and {@code --master}: where an experiment's independent trials run. */
public final class RunnerOptions {
  @Option(names = "--runner", defaultValue = "local", paramLabel = "local|spark",
      description = "Where the independent trials run: 'local' one after another in this process (default), 'spark' as"
          + " Spark tasks, one trial per task (needs the Spark runner on the classpath: the ./slimnas launcher adds it"
          + " for --runner spark; see experiments/spark/README.md).")
  String runner = "local";

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master for --runner spark: local[N] (N executor threads in this process) or spark://HOST:PORT"
          + " (a standalone cluster; run folders and the data folder must be on a path every worker sees)."
          + " Default: spark-submit's --master, else local[*].")
  String master;

  /** True for the local runner. */
  public boolean isLocal() {
    return runner.equals("local");
  }

  /** The chosen runner; an unknown runner or one not on the classpath is bad input (exit 2). */
  public TrialRunner runner(boolean interactive) {
    return TrialRunners.of(runner, master, interactive);
  }
}
