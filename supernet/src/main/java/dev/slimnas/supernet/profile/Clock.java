package dev.slimnas.supernet.profile;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What a measurement times. {@link #WALL} is elapsed time, the latency a user sees. {@link #THREAD_CPU}
 * is the CPU time of the calling thread: with one native thread all work of an inference call runs on
 * that thread, so on an idle machine it equals the latency, and on a shared machine it leaves out the
 * time slices the process lost to others. Measured here with a training run beside it (load ~8 on 2
 * cores), a CIFAR network: wall median 160 ms (IQR 47%), thread CPU median 55 ms (IQR 11%), both
 * minima ~40-50 ms. It still includes what sharing does to caches and memory bandwidth.
 */
public enum Clock {
  WALL("wall"),
  THREAD_CPU("thread-cpu");

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final String id;

  Clock(String id) {
    this.id = id;
  }

  /** The name in profiles and on the command line. */
  public String id() {
    return id;
  }

  /** The clock with this {@link #id()}. */
  public static Clock of(String id) {
    for (Clock c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown clock '" + id + "': use wall or thread-cpu");
  }

  /** The current reading in nanoseconds. */
  public long now() {
    if (this == WALL) {
      return System.nanoTime();
    }
    return THREADS.getCurrentThreadCpuTime();
  }

  /** Fails when this clock cannot be read here. */
  public void check() {
    if (this == THREAD_CPU && !(THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled())) {
      throw new IllegalStateException("this JVM cannot read the CPU time of a thread: use the wall clock");
    }
  }
}
