package dev.slimnas.supernet.profile;

import dev.slimnas.latency.profile.LatencyProfile;
import dev.slimnas.latency.profile.ProfileEntry;
import dev.slimnas.latency.profile.ProfilePlan;
import dev.slimnas.supernet.net.NetSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

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
  private final NetSettings net;
  private final double jvmWarmupMs;

  public Profiler(MeterSettings settings, long seed) {
    this(settings, seed, JVM_WARMUP_MS);
  }

  /** A profiler whose runs first spend {@code jvmWarmupMs} on untimed calls of the first parts to measure. */
  public Profiler(MeterSettings settings, long seed, double jvmWarmupMs) {
    this.meter = new LatencyMeter(Objects.requireNonNull(settings, "settings"));
    this.net = NetSettings.defaults(seed);
    this.jvmWarmupMs = jvmWarmupMs;
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
   * first parts of a fresh JVM were measured up to 3x slower than the same parts later in the run.
   */
  private void warmUp(List<ProfilePlan.Item> todo) {
    if (todo.isEmpty() || jvmWarmupMs <= 0) {
      return;
    }
    List<ProfilePlan.Item> some = todo.size() < 3 ? todo : List.of(todo.get(0), todo.get(todo.size() / 2), todo.get(todo.size() - 1));
    for (ProfilePlan.Item item : some) {
      ComputationGraph g = PartGraphs.build(item.part(), item.activation(), net);
      INDArray x = meter.input(PartGraphs.inputShape(item.part(), meter.settings().batch()));
      long end = System.nanoTime() + (long) (jvmWarmupMs / some.size() * 1e6);
      do {
        g.output(false, x);
      } while (System.nanoTime() < end);
      x.close();
      g.close();
    }
  }

  /** Builds and times one part. */
  public dev.slimnas.latency.profile.Measurement measure(ProfilePlan.Item item) {
    ComputationGraph g = PartGraphs.build(item.part(), item.activation(), net);
    INDArray x = meter.input(PartGraphs.inputShape(item.part(), meter.settings().batch()));
    try {
      return meter.measure(g, x);
    } finally {
      x.close();
      g.close();
    }
  }
}
