package dev.slimnas.supernet.slim;

import com.google.common.primitives.ImmutableIntArray;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.supernet.data.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The US-Nets sandwich over ops and widths: the family's smallest network plus {@code n} networks whose
 * blocks each take an op drawn uniformly from the block's choices (skip included where allowed) and
 * whose groups all take one multiplier drawn uniformly from the family's range, seeded by (seed, step).
 * With every block fixed it draws what {@link UniformWidthSampler} draws (other random numbers, though).
 */
public record UniformArchSampler(JointFamily family, int n, long seed) implements ArchSampler {
  public UniformArchSampler {
    java.util.Objects.requireNonNull(family, "family");
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
  }

  @Override
  public List<ArchEncoding> sample(long step) {
    SplittableRandom r = new SplittableRandom(Seeds.derive(seed, "uniform-ops-widths", step));
    int[] cardinalities = family.space().opCardinalities().toArray();
    List<ArchEncoding> out = new ArrayList<>();
    out.add(family.smallest());
    for (int i = 0; i < n; i++) {
      int[] ops = new int[cardinalities.length];
      for (int b = 0; b < ops.length; b++) {
        ops[b] = r.nextInt(cardinalities[b]);
      }
      double m = family.lower() + r.nextDouble() * (family.upper() - family.lower());
      out.add(family.uniform(ImmutableIntArray.copyOf(ops), m));
    }
    return out;
  }
}
