package dev.slimnas.supernet.slim;

import dev.slimnas.supernet.data.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The US-Nets sandwich (uniform widths): the smallest network plus {@code n} networks whose groups all
 * take one multiplier drawn uniformly from the family's range, seeded by (seed, step).
 */
public record UniformWidthSampler(SlimmableFamily family, int n, long seed) implements SubnetSampler {
  public UniformWidthSampler {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
  }

  @Override
  public List<double[]> sample(long step) {
    SplittableRandom r = new SplittableRandom(Seeds.derive(seed, "uniform-widths", step));
    List<double[]> out = new ArrayList<>();
    out.add(family.smallest());
    for (int i = 0; i < n; i++) {
      out.add(family.uniform(family.lower() + r.nextDouble() * (family.upper() - family.lower())));
    }
    return out;
  }
}
