package dev.slimnas.optimizers.pareto;

import com.google.common.primitives.ImmutableDoubleArray;
import com.google.common.primitives.ImmutableIntArray;
import dev.slimnas.space.search.ArchEncoding;
import java.util.List;
import java.util.Objects;

/**
 * A Pareto front as a versioned JSON document ({@value #SCHEMA}, version {@value #VERSION}): the space
 * it belongs to, the names of the objectives (all minimised) and one entry per candidate.
 *
 * @param space name of the search space the encodings belong to
 * @param objectives objective names, e.g. {@code ["error", "latencyMs"]}
 * @param points the candidates
 */
public record FrontDocument(String space, List<String> objectives, List<FrontDocument.Point> points) {
  public static final String SCHEMA = "slimnas.pareto-front";
  public static final int VERSION = 1;

  public FrontDocument {
    Objects.requireNonNull(space, "space");
    objectives = List.copyOf(objectives);
    points = List.copyOf(points);
    if (objectives.isEmpty()) {
      throw new IllegalArgumentException("a front needs at least one objective name");
    }
    for (int i = 0; i < points.size(); i++) {
      if (points.get(i).values().size() != objectives.size()) {
        throw new IllegalArgumentException("point " + i + " has " + points.get(i).values().size()
            + " objective values, the front names " + objectives.size() + ": " + objectives);
      }
    }
  }

  /** One candidate: op index per block, multiplier per width group, objective values. */
  public record Point(List<Integer> ops, List<Double> widths, List<Double> values) {
    public Point {
      ops = List.copyOf(ops);
      widths = List.copyOf(widths);
      values = List.copyOf(values);
    }

    static Point of(Candidate c) {
      return new Point(c.encoding().ops().asList(), c.encoding().widths().asList(), c.objectives().asList());
    }

    Candidate toCandidate() {
      ArchEncoding e = new ArchEncoding(ImmutableIntArray.copyOf(ops), ImmutableDoubleArray.copyOf(widths));
      return new Candidate(e, ImmutableDoubleArray.copyOf(values));
    }
  }

  /** The document of some candidates. */
  public static FrontDocument of(String space, List<String> objectives, List<Candidate> candidates) {
    return new FrontDocument(space, objectives, candidates.stream().map(Point::of).toList());
  }

  /** The candidates back. */
  public List<Candidate> candidates() {
    return points.stream().map(Point::toCandidate).toList();
  }
}
