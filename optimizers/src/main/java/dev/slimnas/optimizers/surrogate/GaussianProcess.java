package dev.slimnas.optimizers.surrogate;

import java.util.List;
import java.util.Objects;

/**
 * A Gaussian-process regression model (Rasmussen and Williams, "Gaussian Processes for Machine
 * Learning", 2006, algorithm 2.1) with a constant mean and an isotropic {@link Kernel}.
 *
 * <p>Targets are standardised (mean 0, standard deviation 1). The covariance is
 * {@code s2 * (R + g I)} with R the kernel's correlation matrix and g the noise as a fraction of the
 * signal variance; for fixed (kernel, g) the maximum-likelihood {@code s2 = z^T (R + g I)^-1 z / n} is
 * plugged in (the concentrated likelihood), so {@link #fit(double[][], double[], List, double[])} searches
 * only the grid of length scales and noise ratios. Dependency-free: Cholesky on dense matrices, meant
 * for up to a few hundred points. Immutable.
 */
public final class GaussianProcess {
  private final double[][] x;
  private final Kernel kernel;
  private final double noise;
  private final double signalVariance;
  private final double yMean;
  private final double yScale;
  private final double[][] chol;
  private final double[] alpha;
  private final double logLikelihood;

  private GaussianProcess(double[][] x, Kernel kernel, double noise, double signalVariance, double yMean,
      double yScale, double[][] chol, double[] alpha, double logLikelihood) {
    this.x = x;
    this.kernel = kernel;
    this.noise = noise;
    this.signalVariance = signalVariance;
    this.yMean = yMean;
    this.yScale = yScale;
    this.chol = chol;
    this.alpha = alpha;
    this.logLikelihood = logLikelihood;
  }

  /** Mean and variance of the latent function at one point, in the units of the targets. */
  public record Prediction(double mean, double variance) {
    public Prediction {
      if (!Double.isFinite(mean) || !(variance >= 0)) {
        throw new IllegalArgumentException("prediction needs a finite mean and variance >= 0, got " + mean + ", "
            + variance);
      }
    }

    public double sd() {
      return Math.sqrt(variance);
    }

    /** The lower confidence bound {@code mean - beta * sd} (the acquisition when minimising). */
    public double lowerBound(double beta) {
      return mean - beta * sd();
    }
  }

  /**
   * Fits with fixed hyperparameters.
   *
   * @param noise noise variance as a fraction of the signal variance, > 0
   * @throws IllegalArgumentException when the covariance is not positive definite
   */
  public static GaussianProcess fit(double[][] x, double[] y, Kernel kernel, double noise) {
    GaussianProcess gp = tryFit(x, y, kernel, noise);
    if (gp == null) {
      throw new IllegalArgumentException("covariance not positive definite for " + kernel + ", noise " + noise
          + " on " + x.length + " points; raise the noise ratio");
    }
    return gp;
  }

  /**
   * Fits by maximising the log marginal likelihood over every pair of a kernel from {@code kernels} and
   * a noise ratio from {@code noises}.
   *
   * @throws IllegalArgumentException when no pair gives a positive-definite covariance
   */
  public static GaussianProcess fit(double[][] x, double[] y, List<Kernel> kernels, double[] noises) {
    GaussianProcess best = null;
    for (Kernel k : kernels) {
      for (double g : noises) {
        GaussianProcess gp = tryFit(x, y, k, g);
        if (gp != null && (best == null || gp.logLikelihood > best.logLikelihood)) {
          best = gp;
        }
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("no kernel of " + kernels.size() + " and noise of " + noises.length
          + " gives a positive-definite covariance on " + x.length + " points");
    }
    return best;
  }

  /**
   * Fits over the default grid: the kernel family of {@code family} with length scales
   * {@code sqrt(d) * {0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3}} for inputs of dimension d (inputs
   * are expected in the unit cube) and noise ratios {@code {1e-6, 1e-4, 1e-3, 1e-2, 3e-2, 0.1, 0.3}}.
   */
  public static GaussianProcess fitDefaultGrid(double[][] x, double[] y, Kernel family) {
    double root = Math.sqrt(Math.max(1, x.length == 0 ? 1 : x[0].length));
    double[] scales = {0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3};
    List<Kernel> kernels = java.util.Arrays.stream(scales).mapToObj(s -> family.withLengthScale(root * s)).toList();
    return fit(x, y, kernels, new double[] {1e-6, 1e-4, 1e-3, 1e-2, 3e-2, 0.1, 0.3});
  }

  private static GaussianProcess tryFit(double[][] x, double[] y, Kernel kernel, double noise) {
    Objects.requireNonNull(kernel, "kernel");
    int n = x.length;
    if (n == 0 || y.length != n) {
      throw new IllegalArgumentException("need at least one point and as many targets as points, got " + n
          + " points, " + y.length + " targets");
    }
    if (!(noise > 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("noise ratio must be finite and > 0, got " + noise);
    }
    double mean = 0;
    for (double v : y) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("targets must be finite, got " + v);
      }
      mean += v / n;
    }
    double var = 0;
    for (double v : y) {
      var += (v - mean) * (v - mean) / n;
    }
    double scale = var > 0 ? Math.sqrt(var) : 1.0;
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = (y[i] - mean) / scale;
    }
    double[][] k = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        k[i][j] = kernel.correlation(x[i], x[j]);
        k[j][i] = k[i][j];
      }
      k[i][i] = 1 + noise;
    }
    double[][] l = Cholesky.factor(k);
    if (l == null) {
      return null;
    }
    double[] alpha = Cholesky.backward(l, Cholesky.forward(l, z));
    double quad = 0;
    for (int i = 0; i < n; i++) {
      quad += z[i] * alpha[i];
    }
    double s2 = Math.max(quad / n, 1e-12);
    double ll = -0.5 * n * Math.log(2 * Math.PI * s2) - 0.5 * Cholesky.logDet(l) - 0.5 * n;
    double[][] xs = new double[n][];
    for (int i = 0; i < n; i++) {
      xs[i] = x[i].clone();
    }
    return new GaussianProcess(xs, kernel, noise, s2, mean, scale, l, alpha, ll);
  }

  /** Posterior of the latent function at {@code p}. */
  public Prediction predict(double[] p) {
    int n = x.length;
    double[] r = new double[n];
    double m = 0;
    for (int i = 0; i < n; i++) {
      r[i] = kernel.correlation(p, x[i]);
      m += r[i] * alpha[i];
    }
    double[] v = Cholesky.forward(chol, r);
    double vv = 0;
    for (double e : v) {
      vv += e * e;
    }
    double var = Math.max(0, signalVariance * (1 - vv));
    return new Prediction(yMean + yScale * m, yScale * yScale * var);
  }

  public Kernel kernel() {
    return kernel;
  }

  /** Noise variance as a fraction of the signal variance. */
  public double noise() {
    return noise;
  }

  /** Signal variance in the units of the targets squared. */
  public double signalVariance() {
    return signalVariance * yScale * yScale;
  }

  /** Log marginal likelihood of the standardised targets at the chosen hyperparameters. */
  public double logLikelihood() {
    return logLikelihood;
  }

  /** Number of training points. */
  public int size() {
    return x.length;
  }
}
