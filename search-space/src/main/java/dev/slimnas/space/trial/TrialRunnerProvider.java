package dev.slimnas.space.trial;

/**
 * A runner that a module outside the core provides (the Spark runner of {@code experiments/spark}), listed in
 * {@code META-INF/services/dev.slimnas.space.trial.TrialRunnerProvider} so the commands find it without
 * depending on its engine.
 */
public interface TrialRunnerProvider {
  /** The name after {@code --runner} ({@code spark}). */
  String name();

  /**
   * A runner for {@code master} (e.g. {@code local[2]} or {@code spark://host:7077}; null: the engine's default).
   *
   * @param interactive true when trials may draw progress bars (the runner may ignore it)
   */
  TrialRunner create(String master, boolean interactive);
}
