package dev.slimnas.cli.latency;

import dev.slimnas.supernet.profile.Clock;

/** The {@code --clock} choice of the measuring commands. */
final class ClockOption {
  static final String DESCRIPTION = "What to time: wall, thread-cpu (CPU time of the calling thread; 1 thread only; "
      + "blind to time slices lost to other processes), or auto = thread-cpu with 1 thread, else wall (default: ${DEFAULT-VALUE}).";

  private ClockOption() {}

  static Clock resolve(String option, int threads) {
    if (option.equals("auto")) {
      return threads == 1 ? Clock.THREAD_CPU : Clock.WALL;
    }
    Clock c = Clock.of(option);
    if (c == Clock.THREAD_CPU && threads != 1) {
      throw new IllegalArgumentException("--clock thread-cpu needs --threads 1 (with more threads the work runs on other threads)");
    }
    return c;
  }
}
