package dev.slimnas.supernet.profile;

import dev.slimnas.latency.profile.LatencyProfile;
import dev.slimnas.latency.profile.ProfileEntry;
import dev.slimnas.latency.profile.ProfilePlan;
import dev.slimnas.supernet.net.NetSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Measures the parts of a {@link ProfilePlan} on this machine and grows a {@link LatencyProfile}:
 * parts already in the starting profile are kept (so a killed run continues where it stopped), and
 * the profile file is rewritten atomically after every part. Each part is built as its own small
 * graph ({@link PartGraphs}) and timed by a {@link LatencyMeter}.
 */
public final class Profiler {
  /** Untimed calls before the first measurement of a run, so the JIT has compiled DL4J's inference path. */
  public static final double JVM_WARMUP_MS = 3000;

  private final LatencyMeter meter;
  private final PartRunner runner;
  private final double jvmWarmupMs;

  public Profiler(MeterSettings settings, long seed) {
    this(settings, seed, JVM_WARMUP_MS);
  }

  /** A profiler whose runs first spend {@code jvmWarmupMs} on untimed calls of the first parts to measure. */
  public Profiler(MeterSettings settings, long seed, double jvmWarmupMs) {
    this.meter = new LatencyMeter(Objects.requireNonNull(settings, "settings"));
    this.runner = PartRunner.dl4j(meter, NetSettings.defaults(seed));
    this.jvmWarmupMs = jvmWarmupMs;
  }

  /**
   * A profiler of the parts {@code runner} builds (e.g. in ONNX Runtime), timed with {@code settings}; runs
   * first spend {@code jvmWarmupMs} on untimed calls.
   */
  public Profiler(MeterSettings settings, PartRunner runner, double jvmWarmupMs) {
    this.meter = new LatencyMeter(Objects.requireNonNull(settings, "settings"));
    this.runner = Objects.requireNonNull(runner, "runner");
    this.jvmWarmupMs = jvmWarmupMs;
  }

  /** The runtime the parts run in ({@link PartRunner#runtime()}). */
  public String runtime() {
    return runner.runtime();
  }

  public LatencyMeter meter() {
    return meter;
  }

  /**
   * Measures every part of {@code plan} missing from {@code start}; writes {@code file} (if not null)
   * after each; returns the completed profile.
   */
  public LatencyProfile run(LatencyProfile start, ProfilePlan plan, Path file, ProfileListener listener) {
    if (start.device().batch() != meter.settings().batch()) {
      throw new IllegalArgumentException("profile '" + start.device().id() + "' was measured at batch " + start.device().batch()
          + ", this run uses batch " + meter.settings().batch() + ": use another file or the same batch");
    }
    if (!start.clock().equals(meter.settings().clock().id())) {
      throw new IllegalArgumentException("profile '" + start.device().id() + "' was timed with the " + start.clock()
          + " clock, this run uses " + meter.settings().clock().id() + ": use another file or the same clock");
    }
    if (!start.statistic().equals(meter.settings().statistic())) {
      throw new IllegalArgumentException("profile '" + start.device().id() + "' holds " + start.statistic()
          + " values, this run measures " + meter.settings().statistic() + ": use another file or the same statistic");
    }
    List<ProfilePlan.Item> todo = plan.remaining(start);
    int total = plan.size();
    int done = total - todo.size();
    listener.started(total, done);
    warmUp(todo);
    LatencyProfile p = start;
    for (ProfilePlan.Item item : todo) {
      ProfileEntry e = new ProfileEntry(item.part(), measure(item));
      p = p.with(e);
      if (file != null) {
        p.write(file);
      }
      done++;
      listener.measured(e, done, total);
    }
    listener.finished(total);
    return p;
  }

  /**
   * Untimed calls of up to three of the parts (first, middle, last) for {@code jvmWarmupMs} in all: the
   * first parts of a fresh JVM were measured (DL4J) up to 3x slower than the same parts later in the run.
   */
  private void warmUp(List<ProfilePlan.Item> todo) {
    if (todo.isEmpty() || jvmWarmupMs <= 0) {
      return;
    }
    List<ProfilePlan.Item> some = todo.size() < 3 ? todo : List.of(todo.get(0), todo.get(todo.size() / 2), todo.get(todo.size() - 1));
    for (ProfilePlan.Item item : some) {
      try (PartRunner.Prepared p = runner.prepare(item)) {
        long end = System.nanoTime() + (long) (jvmWarmupMs / some.size() * 1e6);
        do {
          p.call();
        } while (System.nanoTime() < end);
      }
    }
  }

  /** Builds and times one part. */
  public dev.slimnas.latency.profile.Measurement measure(ProfilePlan.Item item) {
    try (PartRunner.Prepared p = runner.prepare(item)) {
      return meter.measure(p::call);
    }
  }
}
