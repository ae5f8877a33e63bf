package dev.slimnas.optimizers.surrogate;

/**
 * A stationary, isotropic correlation function {@code k(a, b) = rho(|a - b| / lengthScale)} with
 * {@code rho(0) = 1} (the signal variance is a separate factor of the {@link GaussianProcess}).
 */
public sealed interface Kernel permits Kernel.Matern52, Kernel.Rbf {

  double lengthScale();

  /** The same kernel family with another length scale. */
  Kernel withLengthScale(double lengthScale);

  /** Correlation at scaled distance {@code r = |a - b| / lengthScale}. */
  double correlationAt(double r);

  /** Correlation of two points. */
  default double correlation(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return correlationAt(Math.sqrt(s) / lengthScale());
  }

  /** Matern 5/2: {@code (1 + sqrt5 r + 5 r^2 / 3) exp(-sqrt5 r)}; twice differentiable sample paths. */
  record Matern52(double lengthScale) implements Kernel {
    private static final double SQRT5 = Math.sqrt(5);

    public Matern52 {
      requirePositive(lengthScale);
    }

    @Override
    public Kernel withLengthScale(double l) {
      return new Matern52(l);
    }

    @Override
    public double correlationAt(double r) {
      double s = SQRT5 * r;
      return (1 + s + s * s / 3) * Math.exp(-s);
    }
  }

  /** Squared exponential: {@code exp(-r^2 / 2)}; infinitely smooth sample paths. */
  record Rbf(double lengthScale) implements Kernel {
    public Rbf {
      requirePositive(lengthScale);
    }

    @Override
    public Kernel withLengthScale(double l) {
      return new Rbf(l);
    }

    @Override
    public double correlationAt(double r) {
      return Math.exp(-0.5 * r * r);
    }
  }

  private static void requirePositive(double lengthScale) {
    if (!(lengthScale > 0) || Double.isInfinite(lengthScale)) {
      throw new IllegalArgumentException("lengthScale must be finite and > 0, got " + lengthScale);
    }
  }
}
