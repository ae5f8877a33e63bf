package dev.slimnas.space.trial;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The runners by name: {@code local} here, others from the {@link TrialRunnerProvider}s on the classpath. */
public final class TrialRunners {
  private TrialRunners() {}

  /**
   * The runner named {@code name}.
   *
   * @param master the cluster for a distributed runner ({@code local[N]}, {@code spark://host:port}); must be
   *     null for {@code local}
   * @throws IllegalArgumentException naming the runner and the fix when it is unknown or not on the classpath
   */
  public static TrialRunner of(String name, String master, boolean interactive) {
    if (name.equals("local")) {
      if (master != null) {
        throw new IllegalArgumentException("--master " + master + " needs a distributed runner (--runner spark), not --runner local");
      }
      return new LocalRunner(interactive);
    }
    List<String> known = new ArrayList<>(List.of("local"));
    for (TrialRunnerProvider p : ServiceLoader.load(TrialRunnerProvider.class)) {
      if (p.name().equals(name)) {
        return p.create(master, interactive);
      }
      known.add(p.name());
    }
    if (name.equals("spark")) {
      throw new IllegalArgumentException("--runner spark: the Spark runner is not on this classpath; start slimnas with"
          + " SLIMNAS_SPARK=1 ./slimnas ... or submit experiments/spark's jar with spark-submit (experiments/spark/README.md)");
    }
    throw new IllegalArgumentException("--runner " + name + " is unknown; runners here: " + String.join(", ", known));
  }
}
