package dev.slimnas.optimizers.nsga;

import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.optimizers.pareto.CostLossFront;
import dev.slimnas.optimizers.pareto.FrontDocument;
import java.util.List;

/**
 * The outcome of a multi-objective search: objective names (all minimised: {@code error} = 1 - accuracy,
 * {@code latency}, then any extra objectives), the non-dominated set of every network evaluated, and
 * all evaluated networks in evaluation order.
 *
 * @param space the search space's name
 * @param seed the run seed
 * @param evaluations distinct networks evaluated (calls of the expensive objective, before caching)
 */
public record NsgaResult(String space, long seed, List<String> objectives, List<Candidate> front,
    List<Candidate> evaluated, int evaluations) {
  public NsgaResult {
    objectives = List.copyOf(objectives);
    front = List.copyOf(front);
    evaluated = List.copyOf(evaluated);
  }

  /** Index of the error objective. */
  public static final int ERROR = 0;
  /** Index of the latency objective. */
  public static final int LATENCY = 1;

  /** The (latency, error) front of everything evaluated. */
  public CostLossFront latencyErrorFront() {
    return CostLossFront.of(evaluated, LATENCY, ERROR);
  }

  /** The front as a document for {@code FrontFiles}. */
  public FrontDocument document() {
    return FrontDocument.of(space, objectives, front);
  }
}
