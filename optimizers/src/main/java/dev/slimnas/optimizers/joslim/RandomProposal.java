package dev.slimnas.optimizers.joslim;

import dev.slimnas.space.search.ArchEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The baseline: a point drawn uniformly from the unit cube, projected onto the target cost; redrawn (at
 * most {@code attempts} times) while it repeats an earlier configuration.
 */
public record RandomProposal(int attempts) implements WidthProposal {
  public RandomProposal {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
    }
  }

  public static RandomProposal defaults() {
    return new RandomProposal(16);
  }

  @Override
  public List<ArchEncoding> propose(ProposalContext context, double[] targets, RandomGenerator rng) {
    Set<ArchEncoding> taken = context.taken();
    List<ArchEncoding> out = new ArrayList<>();
    for (double t : targets) {
      ArchEncoding e = null;
      for (int a = 0; a < attempts && (e == null || taken.contains(e)); a++) {
        e = context.project(context.domain().randomUnit(rng), t).encoding();
      }
      taken.add(e);
      out.add(e);
    }
    return List.copyOf(out);
  }

  @Override
  public String name() {
    return "random";
  }
}
