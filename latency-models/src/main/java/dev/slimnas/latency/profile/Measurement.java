package dev.slimnas.latency.profile;

/**
 * The summary of repeated timings of one part.
 *
 * @param ms the central value in milliseconds (the median for profiles made here; imported tables
 *     may hold means, see {@link LatencyProfile#statistic()})
 * @param spreadMs the spread in milliseconds (interquartile range here; see {@link LatencyProfile#spread()}),
 *     0 when unknown
 * @param samples timings kept (after outlier removal), 0 when unknown
 * @param outliers timings dropped as outliers
 * @param rounds how many times the part was measured (more than 1 after a stability re-measurement)
 */
public record Measurement(double ms, double spreadMs, int samples, int outliers, int rounds) {
  public Measurement {
    if (!(ms > 0) || Double.isInfinite(ms)) {
      throw new IllegalArgumentException("latency must be positive and finite, got " + ms + " ms");
    }
    if (!(spreadMs >= 0) || Double.isInfinite(spreadMs)) {
      throw new IllegalArgumentException("spread must be >= 0 and finite, got " + spreadMs + " ms");
    }
    if (samples < 0 || outliers < 0 || rounds < 1) {
      throw new IllegalArgumentException("need samples >= 0, outliers >= 0, rounds >= 1; got " + samples + ", " + outliers
          + ", " + rounds);
    }
  }

  /** An imported value without sample details. */
  public static Measurement of(double ms) {
    return new Measurement(ms, 0, 0, 0, 1);
  }

  /** Spread relative to the central value. */
  public double relativeSpread() {
    return spreadMs / ms;
  }

  public Measurement withRounds(int r) {
    return new Measurement(ms, spreadMs, samples, outliers, r);
  }
}
