package dev.slimnas.supernet.profile;

import dev.slimnas.latency.profile.ProfileEntry;

/** Hears what a {@link Profiler} does (progress bars, logs); every method has an empty default. */
public interface ProfileListener {
  /** Before the first measurement: {@code total} parts in the plan, {@code done} already in the profile. */
  default void started(int total, int done) {}

  /** After each measured part; {@code file} has been written with it. */
  default void measured(ProfileEntry entry, int index, int total) {}

  /** The profile is complete. */
  default void finished(int total) {}
}
