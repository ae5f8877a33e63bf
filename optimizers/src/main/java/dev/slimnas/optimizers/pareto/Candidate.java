package dev.slimnas.optimizers.pareto;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.slimnas.space.search.ArchEncoding;
import java.util.Objects;

/**
 * An architecture with its objective values, every objective minimised (error, latency in ms, MACs,
 * loss). Maximised quantities enter negated or as a complement (error = 1 - accuracy).
 *
 * @param encoding the architecture as decisions of its space
 * @param objectives finite objective values, at least one; their meaning is fixed by whoever made the
 *     candidate (e.g. {@code [error, latencyMs]} for the NSGA-II search)
 */
public record Candidate(ArchEncoding encoding, ImmutableDoubleArray objectives) {
  public Candidate {
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(objectives, "objectives");
    if (objectives.isEmpty()) {
      throw new IllegalArgumentException("a candidate needs at least one objective value");
    }
    for (int i = 0; i < objectives.length(); i++) {
      if (!Double.isFinite(objectives.get(i))) {
        throw new IllegalArgumentException("objective " + i + " must be finite, got " + objectives.get(i));
      }
    }
    objectives = objectives.trimmed();
  }

  /** A candidate with the given objective values. */
  public static Candidate of(ArchEncoding encoding, double... objectives) {
    return new Candidate(encoding, ImmutableDoubleArray.copyOf(objectives));
  }

  /** Objective number {@code i}. */
  public double objective(int i) {
    return objectives.get(i);
  }

  /** Number of objectives. */
  public int dimension() {
    return objectives.length();
  }

  /** True when this candidate is no worse in every objective and better in at least one. */
  public boolean dominates(Candidate other) {
    return Dominance.dominates(objectives.toArray(), other.objectives.toArray());
  }
}
