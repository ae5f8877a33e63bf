package dev.slimnas.latency.fit;

import java.util.Objects;

/**
 * How a {@link WidthAwarePredictor} is fitted.
 *
 * @param ridge ridge strength on the column-scaled problem (0 = plain NNLS)
 * @param calibration how whole-network entries of the profile correct the sum of parts
 * @param perResolution fit one calibration per input resolution of the profile's networks (the gap
 *     between parts and network differs between, e.g., 32x32 networks dominated by per-layer overhead
 *     and 224x224 networks dominated by arithmetic); networks at other resolutions use the pooled one
 */
public record FitOptions(double ridge, Calibration.Mode calibration, boolean perResolution) {
  public FitOptions {
    Objects.requireNonNull(calibration, "calibration");
    if (!(ridge >= 0) || Double.isInfinite(ridge)) {
      throw new IllegalArgumentException("ridge must be >= 0 and finite, got " + ridge);
    }
  }

  /** Ridge 1e-6 (only breaks ties between collinear features), calibration chosen by the data, per resolution. */
  public static FitOptions defaults() {
    return new FitOptions(1e-6, Calibration.Mode.AUTO, true);
  }

  public FitOptions withCalibration(Calibration.Mode m) {
    return new FitOptions(ridge, m, perResolution);
  }

  public FitOptions withPerResolution(boolean p) {
    return new FitOptions(ridge, calibration, p);
  }
}
