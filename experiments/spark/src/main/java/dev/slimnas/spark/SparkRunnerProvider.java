package dev.slimnas.spark;

import dev.slimnas.space.trial.TrialRunner;
import dev.slimnas.space.trial.TrialRunnerProvider;

/** {@code --runner spark}: found by {@link java.util.ServiceLoader} when this module is on the classpath. */
public final class SparkRunnerProvider implements TrialRunnerProvider {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public TrialRunner create(String master, boolean interactive) {
    return SparkRunner.builder().master(master).build();
  }
}
