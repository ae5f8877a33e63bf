package dev.slimnas.supernet.profile;

import dev.slimnas.supernet.nd4j.Nd4jSetup;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The thread count of ND4J's native ops. OpenMP sizes its pool from {@code OMP_NUM_THREADS} when
 * the process starts, and ND4J M2.1 ignores later changes through {@code Environment.setMaxThreads}
 * (checked: it still reports the start-up count), so a fixed thread count means starting the JVM with
 * that variable set; measuring commands re-launch themselves when it is not ({@link #environmentAgrees}).
 * Why it matters: on a loaded 2-core machine, 2 OpenMP threads made a batch-1 block call jump between
 * 1 and 100 ms (a parallel region waits for a descheduled thread); 1 thread gave 3-10 ms.
 */
public final class ThreadSettings {
  public static final String ENV = "OMP_NUM_THREADS";

  private ThreadSettings() {}

  /** ND4J's thread count as it reports it. */
  public static int current() {
    Nd4jSetup.ensure();
    return Nd4j.getEnvironment().maxThreads();
  }

  /** True when {@code OMP_NUM_THREADS} is set to {@code threads} in this process. */
  public static boolean environmentAgrees(int threads) {
    String env = System.getenv(ENV);
    return env != null && env.trim().equals(Integer.toString(threads));
  }
}
