package dev.slimnas.optimizers.budget;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.latency.diff.BlockTable;
import dev.slimnas.latency.diff.DifferentiableLatency;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A simulated single-path search, the plant of {@link LambdaController}: 20 searchable blocks (every
 * fourth may not skip), all k5e6 at the start (131.5 ms); thresholds start at 0, norms are 0.4-0.6 and
 * drift; each threshold is trained by Adam without momentum (lr 0.01) on {@code lambda dlogR/dd - c}
 * through the straight-through slope, with a cross-entropy pull {@code c} per indicator (noisy per step).
 * As in the real search, a larger lambda does not move a threshold faster, so nothing flips for ~40 steps
 * (the dead time), and a skipped block's e6 / k5 thresholds get no gradient.
 */
final class DeadTimePlant {
  static final int BLOCKS = 20;
  final double[] r33 = new double[BLOCKS];
  final double[] r36 = new double[BLOCKS];
  final double[] r53 = new double[BLOCKS];
  final double[] r56 = new double[BLOCKS];
  final double fixedMs;
  final double[][] norms = new double[BLOCKS][3];
  final double[][] thresholds = new double[BLOCKS][3];
  final double[][] adamV = new double[BLOCKS][3];
  final double[][] pull = new double[BLOCKS][3];
  final Random random;
  final DifferentiableLatency latency;

  /** One step of a run: lambda used, lambda next, hard and soft latency after the step. */
  record Step(double lambda, double nextLambda, double hardMs, double softMs) {}

  DeadTimePlant(long seed) {
    random = new Random(seed);
    double sum = 0;
    for (int b = 0; b < BLOCKS; b++) {
      double base = 1.5 + 2 * random.nextDouble();
      r33[b] = base;
      r36[b] = 1.8 * base;
      r53[b] = 1.15 * base;
      r56[b] = 2.1 * base;
      sum += r56[b];
      for (int i = 0; i < 3; i++) {
        norms[b][i] = 0.4 + 0.2 * random.nextDouble();
        pull[b][i] = Math.exp(Math.log(2e-4) + random.nextDouble() * Math.log(4e-3 / 2e-4));
        adamV[b][i] = 1e-8;
      }
    }
    fixedMs = 131.5 - sum;
    latency = DifferentiableLatency.of(new BlockTable() {
      @Override
      public int blockCount() {
        return BLOCKS;
      }

      @Override
      public double fixedMs() {
        return fixedMs;
      }

      @Override
      public double ms(int block, int kernel, int expansion) {
        return kernel == 3 ? (expansion == 3 ? r33[block] : r36[block]) : (expansion == 3 ? r53[block] : r56[block]);
      }

      @Override
      public boolean searchable(int block) {
        return true;
      }
    });
  }

  static boolean skippable(int b) {
    return b % 4 != 0;
  }

  List<BlockIndicators> hard() {
    List<BlockIndicators> out = new ArrayList<>();
    for (int b = 0; b < BLOCKS; b++) {
      double[] n = norms[b];
      double[] t = thresholds[b];
      out.add(new BlockIndicators(skippable(b) ? (n[0] > t[0] ? 1 : 0) : 1, n[1] > t[1] ? 1 : 0, n[2] > t[2] ? 1 : 0, 0));
    }
    return out;
  }

  List<BlockIndicators> soft() {
    List<BlockIndicators> out = new ArrayList<>();
    for (int b = 0; b < BLOCKS; b++) {
      double[] n = norms[b];
      double[] t = thresholds[b];
      out.add(new BlockIndicators(skippable(b) ? SoftIndicators.value(n[0], t[0]) : 1, SoftIndicators.value(n[1], t[1]),
          SoftIndicators.value(n[2], t[2]), 0));
    }
    return out;
  }

  /** A lambda rule: the next lambda after a step with these latencies. */
  interface Rule {
    double lambda();

    Rule observe(double hardMs, double softMs);
  }

  /** {@link LambdaController} as a rule. */
  static Rule controller(LambdaController c) {
    return new Rule() {
      @Override
      public double lambda() {
        return c.lambda();
      }

      @Override
      public Rule observe(double hardMs, double softMs) {
        return controller(c.observe(hardMs, softMs));
      }
    };
  }

  /** The first version: {@code lambda * exp(gain log(hard / (margin budget)))}, clamped; no hold, no soft latency. */
  static Rule firstVersion(LatencyTarget.Budget b, double lambda) {
    return new Rule() {
      @Override
      public double lambda() {
        return lambda;
      }

      @Override
      public Rule observe(double hardMs, double softMs) {
        double next = lambda * Math.exp(b.gain() * Math.log(hardMs / (b.margin() * b.budgetMs())));
        return firstVersion(b, Math.min(b.maxLambda(), Math.max(b.minLambda(), next)));
      }
    };
  }

  /** Runs {@code steps} steps from {@code start}. */
  List<Step> run(Rule start, int steps) {
    Rule c = start;
    List<Step> out = new ArrayList<>();
    for (int s = 0; s < steps; s++) {
      double lambda = c.lambda();
      List<BlockIndicators> d = hard();
      DifferentiableLatency.Evaluation log = latency.evaluate(d).log();
      for (int b = 0; b < BLOCKS; b++) {
        for (int i = 0; i < 3; i++) {
          if (i == 0 && !skippable(b) || i > 0 && d.get(b).keep() < 0.5) {
            continue;
          }
          double dLdd = lambda * log.grad()[b][i] - pull[b][i] * (1 + random.nextGaussian());
          double sig = 1 / (1 + Math.exp(-(norms[b][i] - thresholds[b][i])));
          double g = -dLdd * sig * (1 - sig);
          adamV[b][i] = 0.99 * adamV[b][i] + 0.01 * g * g;
          double vHat = adamV[b][i] / (1 - Math.pow(0.99, s + 1));
          thresholds[b][i] -= 0.01 * g / (Math.sqrt(vHat) + 1e-8);
        }
        for (int i = 0; i < 3; i++) {
          norms[b][i] *= Math.exp(0.002 * random.nextGaussian());
        }
      }
      double hardMs = latency.evaluate(hard()).value();
      double softMs = latency.evaluate(soft()).value();
      c = c.observe(hardMs, softMs);
      out.add(new Step(lambda, c.lambda(), hardMs, softMs));
    }
    return out;
  }
}
