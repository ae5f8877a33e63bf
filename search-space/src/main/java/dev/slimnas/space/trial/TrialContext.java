package dev.slimnas.space.trial;

import java.util.function.Supplier;

/**
 * What a runner gives a running trial.
 *
 * @param cores the cores the trial may use (its engine's threads); 0: the JVM's default, untouched
 * @param interactive true when the trial runs in the user's terminal (progress bars), false on a cluster (log lines)
 * @param runner the runner's description, for provenance ({@code local}, {@code spark local[2]}, ...)
 */
public record TrialContext(int cores, boolean interactive, String runner) {
  public TrialContext {
    if (cores < 0) {
      throw new IllegalArgumentException("cores must be >= 0, got " + cores);
    }
  }

  /** A value shared by every trial of this JVM (a data set), made by {@code loader} on first use; see {@link JvmShared}. */
  public <T> T shared(String key, Supplier<T> loader) {
    return JvmShared.get(key, loader);
  }
}
