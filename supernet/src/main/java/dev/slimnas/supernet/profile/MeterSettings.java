package dev.slimnas.supernet.profile;

/**
 * How one part is timed.
 *
 * @param batch images per inference call
 * @param warmupCalls at least this many untimed calls first
 * @param warmupMs and at least this much time of untimed calls
 * @param minSamples at least this many timed calls per round
 * @param maxSamples at most this many timed calls per round
 * @param targetMs a round stops once it has {@code minSamples} and has run this long (or hit {@code maxSamples})
 * @param maxRelativeSpread a round whose interquartile range exceeds this fraction of its median is
 *     repeated (the stability check)
 * @param maxRounds at most this many rounds; the round with the smallest relative spread is kept
 * @param seed seed of the random input
 * @param clock what is timed
 * @param quantile which quantile of the kept timings is the entry's value (0.5 = median; a low
 *     quantile such as 0.1 is less sensitive to interference on a shared machine)
 */
public record MeterSettings(int batch, int warmupCalls, double warmupMs, int minSamples, int maxSamples, double targetMs,
    double maxRelativeSpread, int maxRounds, long seed, Clock clock, double quantile) {
  public MeterSettings {
    java.util.Objects.requireNonNull(clock, "clock");
    if (!(quantile >= 0 && quantile <= 1)) {
      throw new IllegalArgumentException("meter settings: quantile must be in [0, 1], got " + quantile);
    }
    if (batch < 1 || warmupCalls < 0 || !(warmupMs >= 0) || minSamples < 3 || maxSamples < minSamples || !(targetMs >= 0)
        || !(maxRelativeSpread > 0) || maxRounds < 1) {
      throw new IllegalArgumentException("meter settings: need batch >= 1, warm-up >= 0, 3 <= minSamples <= maxSamples, "
          + "targetMs >= 0, maxRelativeSpread > 0, maxRounds >= 1; got " + batch + ", " + warmupCalls + ", " + warmupMs + ", "
          + minSamples + ", " + maxSamples + ", " + targetMs + ", " + maxRelativeSpread + ", " + maxRounds);
    }
  }

  /** Batch 1, 5 calls / 150 ms warm-up, 15..300 samples over ~400 ms, re-measure above 10% IQR, 3 rounds, wall clock. */
  public static MeterSettings defaults() {
    return new MeterSettings(1, 5, 150, 15, 300, 400, 0.10, 3, 1, Clock.WALL, 0.5);
  }

  public MeterSettings withQuantile(double q) {
    return new MeterSettings(batch, warmupCalls, warmupMs, minSamples, maxSamples, targetMs, maxRelativeSpread, maxRounds, seed, clock, q);
  }

  /** The profile statistic these settings produce, e.g. {@code median}. */
  public String statistic() {
    return dev.slimnas.latency.profile.SampleStats.statisticName(quantile);
  }

  public MeterSettings withClock(Clock c) {
    return new MeterSettings(batch, warmupCalls, warmupMs, minSamples, maxSamples, targetMs, maxRelativeSpread, maxRounds, seed, c, quantile);
  }

  public MeterSettings withBatch(int b) {
    return new MeterSettings(b, warmupCalls, warmupMs, minSamples, maxSamples, targetMs, maxRelativeSpread, maxRounds, seed, clock, quantile);
  }

  /** Fewer, shorter samples: for tests and smoke runs. */
  public MeterSettings quick() {
    return new MeterSettings(batch, 2, 0, 5, 20, 0, maxRelativeSpread, 1, seed, clock, quantile);
  }

  public MeterSettings withTargetMs(double t) {
    return new MeterSettings(batch, warmupCalls, warmupMs, minSamples, maxSamples, t, maxRelativeSpread, maxRounds, seed, clock, quantile);
  }
}
