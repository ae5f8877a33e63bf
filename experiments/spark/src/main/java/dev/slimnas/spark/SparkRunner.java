package dev.slimnas.spark;

import dev.slimnas.space.trial.Experiment;
import dev.slimnas.space.trial.Trial;
import dev.slimnas.space.trial.TrialResult;
import dev.slimnas.space.trial.TrialRunner;
import dev.slimnas.space.trial.TrialWork;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * Runs the trials of an experiment as Spark tasks, one trial per task, and collects their result documents back to
 * the driver. The driver skips trials whose result is already in their run folder; a task that fails (an exception,
 * or its executor lost with its worker) is run again by Spark ({@code spark.task.maxFailures}, default 4; for
 * {@code local[N]} the runner asks for {@code local[N,4]}) and the trial resumes from its own checkpoint. Run folders
 * and the data folder must be on a path every executor sees (a shared file system; local disk for {@code local[N]}
 * and a one-machine cluster). See {@link ExecutorTrials} for the rule of one DL4J trial per executor JVM.
 *
 * <pre>
 * TrialRunner r = SparkRunner.builder().master("spark://host:7077").conf("spark.executor.cores", "4").build();
 * List&lt;TrialResult&gt; results = r.run(experiment, x -&gt; {});
 * </pre>
 */
public final class SparkRunner implements TrialRunner {
  /** Task attempts before Spark gives up a trial (Spark's default for clusters; local mode gets it explicitly). */
  public static final int MAX_FAILURES = 4;
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)])?");
  private static final String EXECUTOR_OPTIONS = "-Xss4m -Dorg.eclipse.deeplearning4j.helpers.disable=false"
      + " -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.dev.slimnas=info";

  private final String master;
  private final Map<String, String> conf;

  private SparkRunner(Builder b) {
    this.master = b.master;
    this.conf = Map.copyOf(b.conf);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public <I extends Serializable> List<TrialResult> run(Experiment<I> experiment, Consumer<TrialResult> onResult) {
    Map<String, TrialResult> byName = new HashMap<>();
    List<Trial<I>> pending = new ArrayList<>();
    for (Trial<I> t : experiment.trials()) {
      Optional<TrialResult> done = experiment.work().finished(t);
      if (done.isPresent()) {
        byName.put(t.name(), done.get());
      } else {
        pending.add(t);
      }
    }
    if (!pending.isEmpty()) {
      SparkConf c = sparkConf(experiment.name());
      try (JavaSparkContext sc = new JavaSparkContext(c)) {
        sc.setJobDescription(experiment.name() + ": " + pending.size() + " trials");
        List<TrialResult> got = sc.parallelize(pending, pending.size())
            .map(new RunTrial<>(experiment.work(), "spark " + c.get("spark.master")))
            .collect();
        for (TrialResult r : got) {
          if (byName.put(r.trial(), r) != null) {
            throw new IllegalStateException("trial " + r.trial() + " came back twice from Spark");
          }
        }
      }
    }
    List<TrialResult> results = new ArrayList<>();
    for (Trial<I> t : experiment.trials()) {
      TrialResult r = byName.get(t.name());
      if (r == null) {
        throw new IllegalStateException("trial " + t.name() + " did not come back from Spark");
      }
      results.add(r);
      onResult.accept(r);
    }
    return results;
  }

  /**
   * The Spark configuration of a run: {@code spark.*} system properties (spark-submit's settings), then this
   * runner's master and settings, then the defaults of the trial rule (one task per executor, see {@link ExecutorTrials}).
   */
  SparkConf sparkConf(String appName) {
    SparkConf c = new SparkConf();
    c.setAppName("slimnas " + appName);
    String m = master != null ? master : c.get("spark.master", "local[*]");
    Matcher local = LOCAL.matcher(m);
    conf.forEach(c::set);
    if (local.matches()) {
      int n = local.group(1) == null ? 1 : local.group(1).equals("*") ? Runtime.getRuntime().availableProcessors()
          : Integer.parseInt(local.group(1));
      m = "local[" + n + "," + MAX_FAILURES + "]";
      c.setIfMissing("spark.task.cpus", String.valueOf(n)); // one trial at a time in the one JVM, with all N cores
      c.setIfMissing("spark.driver.host", "127.0.0.1");
      c.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    } else if (c.contains("spark.executor.cores")) {
      String cores = c.get("spark.executor.cores");
      c.setIfMissing("spark.task.cpus", cores); // one trial per executor, with all its cores
      c.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", cores);
    }
    c.setMaster(m);
    c.setIfMissing("spark.task.maxFailures", String.valueOf(MAX_FAILURES));
    c.setIfMissing("spark.executorEnv.GOMP_SPINCOUNT", "1000"); // as the slimnas launcher (Nd4jSetup.SPIN_COUNT)
    c.set("spark.executor.extraJavaOptions", (c.get("spark.executor.extraJavaOptions", "") + " " + EXECUTOR_OPTIONS).trim());
    return c;
  }

  @Override
  public String describe() {
    return "spark " + (master == null ? "(spark-submit's master, else local[*])" : master);
  }

  /** The task: one trial on an executor. */
  private record RunTrial<I extends Serializable>(TrialWork<I> work, String runner) implements Function<Trial<I>, TrialResult> {
    private static final long serialVersionUID = 1L;

    @Override
    public TrialResult call(Trial<I> trial) {
      return ExecutorTrials.run(trial, work, runner);
    }
  }

  /** Settings of a {@link SparkRunner}. */
  public static final class Builder {
    private String master;
    private final Map<String, String> conf = new LinkedHashMap<>();

    private Builder() {}

    /** {@code local[N]}, {@code spark://host:port}, ...; null: spark-submit's master, else {@code local[*]}. */
    public Builder master(String master) {
      this.master = master;
      return this;
    }

    /** A Spark setting ({@code spark.executor.cores}, {@code spark.executor.memory}, ...). */
    public Builder conf(String key, String value) {
      conf.put(key, value);
      return this;
    }

    public SparkRunner build() {
      return new SparkRunner(this);
    }
  }
}
