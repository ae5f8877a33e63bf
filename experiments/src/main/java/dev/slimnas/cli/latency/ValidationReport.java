package dev.slimnas.cli.latency;

import dev.slimnas.latency.fit.Calibration;
import dev.slimnas.latency.fit.ErrorStats;
import java.util.List;
import java.util.Map;

/**
 * What {@code slimnas latency validate} found: per network the measured and predicted latency, the
 * error statistics per space and overall (with and without the calibration), and the separate-process
 * noise of one network.
 *
 * @param profile id of the profile the predictor was fitted on
 * @param conditions batch, threads, machine, timing settings, what else was known to run
 * @param calibrations the predictor's calibrations ({@code pooled}, then per input resolution {@code r<res>})
 * @param stats error statistics of the calibrated predictor per space, and {@code all}
 * @param sumOfParts error statistics of the uncalibrated sum of parts per space, and {@code all}
 * @param kendallTau Kendall's tau-b between measured and (calibrated) predicted latency per space, and {@code all}
 * @param noise the noise check ({@link NoiseReport#none()} when not run)
 * @param rows one per measured network
 */
public record ValidationReport(String profile, Map<String, String> conditions, Map<String, Calibration> calibrations,
    Map<String, ErrorStats> stats, Map<String, ErrorStats> sumOfParts, Map<String, Double> kendallTau, NoiseReport noise,
    List<Row> rows) {
  public static final String SCHEMA = "slimnas.latency-validation";

  public ValidationReport {
    conditions = Map.copyOf(conditions);
    calibrations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(calibrations));
    stats = Map.copyOf(stats);
    sumOfParts = Map.copyOf(sumOfParts);
    kendallTau = kendallTau == null ? Map.of() : Map.copyOf(kendallTau);
    rows = List.copyOf(rows);
    java.util.Objects.requireNonNull(noise, "noise");
  }

  /** One measured network. */
  public record Row(String space, String arch, String fingerprint, double mmacs, double measuredMs, double spreadMs,
      double predictedMs, double sumOfPartsMs) {
    public double errorPct() {
      return (predictedMs - measuredMs) / measuredMs * 100;
    }
  }

  /**
   * The same network measured in {@code processes} separate JVMs, one after another.
   *
   * @param mediansMs each process's median
   * @param rangePct (max - min) / median of the medians, in percent
   * @param madPct median absolute deviation of the medians / their median, in percent
   * @param inProcessIqrPct median over processes of the in-process IQR / median, in percent
   * @param mapePct mean |median of a process - median of all| / median of all, in percent: the MAPE a predictor
   *     that knew the network's typical latency exactly would still show against single-process measurements
   * @param within10Pct share of processes whose median lies within +/-10% of the median of all, in percent
   */
  public record NoiseReport(String arch, int processes, List<Double> mediansMs, double medianMs, double rangePct, double madPct,
      double inProcessIqrPct, double mapePct, double within10Pct) {
    public NoiseReport {
      mediansMs = List.copyOf(mediansMs);
    }

    /** The check was not run. */
    public static NoiseReport none() {
      return new NoiseReport("", 0, List.of(), 0, 0, 0, 0, 0, 0);
    }
  }
}
