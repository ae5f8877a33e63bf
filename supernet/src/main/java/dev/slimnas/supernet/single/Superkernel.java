package dev.slimnas.supernet.single;

/**
 * The indicator algebra of one searchable block (Single-Path NAS, arXiv:1904.02877, with the SE
 * indicator of arXiv:1907.00959), forward and straight-through backward, on the tiny weight arrays in
 * double precision. This is the one place where the chain from indicators to thresholds and weights
 * lives; the layer feeds it the loss gradients of the indicator values and of the effective kernel,
 * plus the trainer's latency gradient.
 *
 * <p>Forward, with {@code ind(x)} a hard step {@code 1(x > 0)} (or, in {@link Relaxation#SOFT}, the
 * sigmoid {@code s(T x)}) and {@code drop_*} the indicator-dropout mask (0 or 1):
 * <p>Every norm is a root-mean-square, {@code ||x|| / sqrt(count)} with {@code count} the number of
 * weights it covers when all of them are active (16 C outer taps; 9 C/2 core taps per half; C R SE
 * weights). The paper compares raw L2 norms; at the widths of these spaces those are 3 to 40, where
 * {@code sigmoid'(norm - t)} is ~1e-9 at initialisation (thresholds 0), so neither the loss nor the
 * latency term could move a threshold in a search of a few thousand steps. The RMS puts every norm at
 * ~0.1-0.3 whatever the width, where the straight-through slope is ~0.25 and a threshold moves at the
 * optimizer's step size.
 *
 * <pre>
 *   n_k5   = ||W_out||                         v_k5   = drop_k5   ind(n_k5 - t_k5)
 *   W_k    = W_in + v_k5 W_out
 *   n_keep = ||W_k[first half]||               v_keep = drop_keep ind(n_keep - t_keep)   (1 if not skippable)
 *   n_e6   = ||W_k[second half]||              v_e6   = drop_e6   ind(n_e6 - t_e6)
 *   n_se   = ||Wr[first half] (+) v_e6 Wr[second half]||   v_se = drop_se ind(n_se - t_se)   (0 without SE)
 * </pre>
 * {@code W} is the 5x5 depthwise superkernel in DL4J's layout [5, 5, C, 1] (index {@code (i*5+j)*C+c}),
 * {@code W_in} its centre 3x3, {@code Wr} the SE reduce weights [C, R] (row c = input channel c).
 *
 * <p>Tied blocks (ops k3e3 / k5e6 only, {@link #evaluate(double[], int, double[], int, double[], boolean,
 * boolean, boolean[], Relaxation, double) tied}): one indicator {@code v_big = ind(||W_out (+) W_in[second
 * half]|| - t_e6)} replaces v_k5 and v_e6 (both equal v_big); everything else is the same chain.
 *
 * <p>Backward: the derivative of {@code ind} is always {@code T s'(T x)} (the straight-through
 * estimator for the hard step; the exact derivative for the soft one), times the dropout mask.
 */
final class Superkernel {
  static final int KEEP = 0;
  static final int E6 = 1;
  static final int K5 = 2;
  static final int SE = 3;
  static final int KERNEL = 5;
  private static final int TAPS = KERNEL * KERNEL;

  private final int channels;
  private final int half;
  private final int reduced;
  private final boolean skippable;
  private final boolean hasSe;
  /** Kernel and expansion are one decision (ops k3e3 / k5e6 only): v_e6 = v_k5 = the tied indicator. */
  final boolean tied;
  final double[] norm = new double[4];
  final double[] value = new double[4];
  /** d value / d (norm - threshold), 0 for forced or dropped indicators. */
  final double[] slope = new double[4];
  /** The effective kernel W_k = W_in + v_k5 W_out, layout of W. */
  final double[] kernel;
  private double seFirstSq;
  private double seSecondSq;
  /** How many weights each norm averages over: n = sqrt(sum of squares / count[i]). */
  private final double[] count = new double[4];

  private Superkernel(int channels, int reduced, boolean skippable, boolean hasSe, boolean tied) {
    this.tied = tied;
    this.channels = channels;
    this.half = channels / 2;
    this.reduced = reduced;
    this.skippable = skippable;
    this.hasSe = hasSe;
    this.kernel = new double[TAPS * channels];
    count[K5] = (TAPS - 9) * (double) channels;
    count[KEEP] = 9.0 * half;
    count[E6] = 9.0 * (channels - half);
    count[SE] = Math.max(1, (double) channels * reduced);
    if (tied) {
      count[E6] = (TAPS - 9) * (double) channels + 9.0 * (channels - half);
      count[K5] = count[E6];
    }
  }

  /** True for the taps outside the centre 3x3. */
  static boolean outer(int tap) {
    int i = tap / KERNEL;
    int j = tap % KERNEL;
    return i == 0 || i == KERNEL - 1 || j == 0 || j == KERNEL - 1;
  }

  /**
   * Evaluates the indicators.
   *
   * @param w superkernel weights, {@code 25 * channels}
   * @param seReduce SE reduce weights {@code channels * reduced} (row-major), or null without SE
   * @param thresholds (keep, e6, k5, se)
   * @param kept indicator-dropout mask (keep, e6, k5, se): false = dropped
   */
  static Superkernel evaluate(double[] w, int channels, double[] seReduce, int reduced, double[] thresholds,
      boolean skippable, boolean[] kept, Relaxation relaxation, double temperature) {
    return evaluate(w, channels, seReduce, reduced, thresholds, skippable, false, kept, relaxation, temperature);
  }

  /**
   * As above; with {@code tied} the kernel and expansion are ONE indicator (ops k3e3 and k5e6 only):
   * {@code n_big = ||W_out (all channels) (+) W_in[second half]||}, the RMS of every weight the large op
   * adds to the small one, against the threshold {@code t_e6}; {@code v_k5 = v_e6 = v_big}, dropped with
   * the e6 dropout draw. {@code t_k5} is unused (its gradient is 0).
   */
  static Superkernel evaluate(double[] w, int channels, double[] seReduce, int reduced, double[] thresholds,
      boolean skippable, boolean tied, boolean[] kept, Relaxation relaxation, double temperature) {
    if (w.length != TAPS * channels) {
      throw new IllegalArgumentException("superkernel needs " + TAPS * channels + " weights, got " + w.length);
    }
    Superkernel s = new Superkernel(channels, reduced, skippable, seReduce != null, tied);
    double outSq = 0;
    double coreSecondSq = 0;
    for (int tap = 0; tap < TAPS; tap++) {
      if (outer(tap)) {
        for (int c = 0; c < channels; c++) {
          double v = w[tap * channels + c];
          outSq += v * v;
        }
      } else if (tied) {
        for (int c = s.half; c < channels; c++) {
          double v = w[tap * channels + c];
          coreSecondSq += v * v;
        }
      }
    }
    if (tied) {
      s.set(E6, Math.sqrt((outSq + coreSecondSq) / s.count[E6]), thresholds[E6], kept[E6], relaxation, temperature);
      s.norm[K5] = s.norm[E6];
      s.value[K5] = s.value[E6];
    } else {
      s.set(K5, Math.sqrt(outSq / s.count[K5]), thresholds[K5], kept[K5], relaxation, temperature);
    }
    double firstSq = 0;
    double secondSq = 0;
    for (int tap = 0; tap < TAPS; tap++) {
      double f = outer(tap) ? s.value[K5] : 1;
      for (int c = 0; c < channels; c++) {
        double v = f * w[tap * channels + c];
        s.kernel[tap * channels + c] = v;
        if (c < s.half) {
          firstSq += v * v;
        } else {
          secondSq += v * v;
        }
      }
    }
    if (skippable) {
      s.set(KEEP, Math.sqrt(firstSq / s.count[KEEP]), thresholds[KEEP], kept[KEEP], relaxation, temperature);
    } else {
      s.norm[KEEP] = Math.sqrt(firstSq / s.count[KEEP]);
      s.value[KEEP] = 1;
    }
    if (!tied) {
      s.set(E6, Math.sqrt(secondSq / s.count[E6]), thresholds[E6], kept[E6], relaxation, temperature);
    }
    if (s.hasSe) {
      for (int c = 0; c < channels; c++) {
        double sq = 0;
        for (int r = 0; r < reduced; r++) {
          double v = seReduce[c * reduced + r];
          sq += v * v;
        }
        if (c < s.half) {
          s.seFirstSq += sq;
        } else {
          s.seSecondSq += sq;
        }
      }
      double e6 = s.value[E6];
      s.set(SE, Math.sqrt((s.seFirstSq + e6 * e6 * s.seSecondSq) / s.count[SE]), thresholds[SE], kept[SE], relaxation, temperature);
    }
    return s;
  }

  private void set(int which, double n, double t, boolean isKept, Relaxation relaxation, double temperature) {
    norm[which] = n;
    if (!isKept) {
      return;
    }
    double x = temperature * (n - t);
    double sig = sigmoid(x);
    value[which] = relaxation == Relaxation.SOFT ? sig : (n > t ? 1 : 0);
    slope[which] = temperature * sig * (1 - sig);
  }

  static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }

  /** Per-channel mask of the hidden feature map: 1 for the first half, v_e6 for the second. */
  double channelMask(int c) {
    return c < half ? 1 : value[E6];
  }

  /**
   * Straight-through backward.
   *
   * @param grad dL/d(v_keep, v_e6, v_k5, v_se); consumed (modified)
   * @param kernelGrad dL/dW_k from the convolution, layout of W; consumed (modified)
   * @param w the superkernel weights of the forward pass
   * @param seReduce the SE reduce weights of the forward pass (null without SE)
   * @param wGrad out: dL/dW, written
   * @param thresholdGrad out: dL/dt, written
   * @param seReduceGrad out: dL/dWr through the SE indicator, ADDED (null without SE)
   */
  void backward(double[] grad, double[] kernelGrad, double[] w, double[] seReduce, double[] wGrad, double[] thresholdGrad,
      double[] seReduceGrad) {
    java.util.Arrays.fill(thresholdGrad, 0);
    if (hasSe && norm[SE] > 0) {
      double a = grad[SE] * slope[SE];
      thresholdGrad[SE] = -a;
      double e6 = value[E6];
      double k = a / (norm[SE] * count[SE]);
      for (int c = 0; c < channels; c++) {
        double f = c < half ? k : k * e6 * e6;
        for (int r = 0; r < reduced; r++) {
          seReduceGrad[c * reduced + r] += f * seReduce[c * reduced + r];
        }
      }
      grad[E6] += k * e6 * seSecondSq;
    }
    if (!tied && norm[E6] > 0) {
      double a = grad[E6] * slope[E6];
      thresholdGrad[E6] = -a;
      addNormGradient(kernelGrad, a / (norm[E6] * count[E6]), half, channels);
    }
    if (skippable && norm[KEEP] > 0) {
      double a = grad[KEEP] * slope[KEEP];
      thresholdGrad[KEEP] = -a;
      addNormGradient(kernelGrad, a / (norm[KEEP] * count[KEEP]), 0, half);
    }
    double k5 = value[K5];
    double dK5 = grad[K5];
    for (int tap = 0; tap < TAPS; tap++) {
      boolean out = outer(tap);
      for (int c = 0; c < channels; c++) {
        int i = tap * channels + c;
        if (out) {
          dK5 += kernelGrad[i] * w[i];
          wGrad[i] = k5 * kernelGrad[i];
        } else {
          wGrad[i] = kernelGrad[i];
        }
      }
    }
    if (tied) {
      if (norm[E6] > 0) {
        double a = (grad[E6] + dK5) * slope[E6];
        thresholdGrad[E6] = -a;
        double k = a / (norm[E6] * count[E6]);
        for (int tap = 0; tap < TAPS; tap++) {
          int from = outer(tap) ? 0 : half;
          for (int c = from; c < channels; c++) {
            wGrad[tap * channels + c] += k * w[tap * channels + c];
          }
        }
      }
    } else if (norm[K5] > 0) {
      double a = dK5 * slope[K5];
      thresholdGrad[K5] = -a;
      double k = a / (norm[K5] * count[K5]);
      for (int tap = 0; tap < TAPS; tap++) {
        if (outer(tap)) {
          for (int c = 0; c < channels; c++) {
            wGrad[tap * channels + c] += k * w[tap * channels + c];
          }
        }
      }
    }
  }

  /** kernelGrad[channels from..to) += k * W_k (the gradient of a norm of W_k times a). */
  private void addNormGradient(double[] kernelGrad, double k, int from, int to) {
    for (int tap = 0; tap < TAPS; tap++) {
      for (int c = from; c < to; c++) {
        kernelGrad[tap * channels + c] += k * kernel[tap * channels + c];
      }
    }
  }
}
