package dev.slimnas.optimizers.joslim;

import dev.slimnas.space.search.ArchEncoding;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic width problem with a known optimum structure: loss = sum a_i / w_i, cost = sum c_i w_i. At a
 * fixed cost the best widths follow w_i proportional to sqrt(a_i / c_i), far from uniform.
 */
final class SyntheticWidths {
  static final double[] A = {4, 2, 1, 0.5, 0.25, 0.125};
  static final double[] C = {0.5, 1, 2, 1, 3, 0.7};
  static final WidthDomain DOMAIN = WidthDomain.free(A.length, 0.25, 1.0);

  private SyntheticWidths() {}

  static double loss(ArchEncoding e) {
    double s = 0;
    for (int i = 0; i < A.length; i++) {
      s += A[i] / e.widths().get(i);
    }
    return s;
  }

  static double cost(ArchEncoding e) {
    double s = 0;
    for (int i = 0; i < C.length; i++) {
      s += C[i] * e.widths().get(i);
    }
    return s;
  }

  /** Runs {@code rounds} rounds of propose-then-score with {@code n} proposals each; returns the archive. */
  static WidthArchive run(JoslimSampler sampler, int rounds, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    WidthArchive archive = WidthArchive.empty();
    for (int r = 0; r < rounds; r++) {
      List<ArchEncoding> next = sampler.propose(archive, n, rng);
      archive = sampler.addTo(archive, next).rescored(SyntheticWidths::loss);
    }
    return archive;
  }

  static double area(JoslimSampler sampler, WidthArchive archive) {
    return archive.front().meanLoss(sampler.minCost(), sampler.maxCost(), loss(DOMAIN.smallest()));
  }
}
