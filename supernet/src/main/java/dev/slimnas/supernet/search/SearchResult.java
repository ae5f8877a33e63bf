package dev.slimnas.supernet.search;

import dev.slimnas.space.json.Json;
import java.nio.file.Path;
import java.util.List;

/**
 * What a search found, saved as {@code search-result.json} (schema {@value #SCHEMA}) in the run folder. The
 * found network's training from scratch (when asked for) is the train run in {@code final/}, its
 * {@code result.json} the test accuracy.
 *
 * @param space the searched (CIFAR-scale) space; {@code architecture} is its member at full width
 * @param deploymentSpace the space latency was predicted for; {@code deploymentArchitecture} is its member
 * @param device the latency table
 * @param ops the op of every block, in order: the supernet's read-out after the budget fill (with a budget)
 * @param latencyMs predicted latency of the deployment architecture of {@code ops} (the differentiable latency
 *     at those indicators, equal to the table wherever the table covers the ops)
 * @param seEstimated true when an SE path's latency is the MAC-proportional estimate (the table has no SE)
 * @param budgetMs the budget of a budget-mode search, 0 for a fixed lambda
 * @param finalLambda lambda at the end of the search
 * @param supernetValidation accuracy of the supernet's final path on the validation images
 * @param supernetSteps training steps of the supernet
 * @param supernetSeconds wall time of the supernet training
 * @param architecture file name of the searched architecture (CIFAR scale, schema slimnas.arch)
 * @param deploymentArchitecture file name of its deployment twin
 * @param supernetOps the ops the supernet's hard indicators select at the end of the search (before the fill)
 * @param supernetLatencyMs their predicted latency
 * @param fill what the budget fill did (without a budget: nothing, and says so)
 */
public record SearchResult(String space, String deploymentSpace, String device, List<String> ops, double latencyMs,
    boolean seEstimated, double budgetMs, double finalLambda, double supernetValidation, long supernetSteps,
    double supernetSeconds, String architecture, String deploymentArchitecture, List<String> supernetOps,
    double supernetLatencyMs, Fill fill) {
  public static final String SCHEMA = "slimnas.search-result";
  public static final int VERSION = 2;

  public SearchResult {
    ops = List.copyOf(ops);
    supernetOps = List.copyOf(supernetOps);
  }

  /** Latency as a fraction of the budget (0 without a budget). */
  public double budgetFraction() {
    return budgetMs > 0 ? latencyMs / budgetMs : 0;
  }

  /**
   * The budget fill ({@code optimizers.budget.BudgetFill}) from the supernet's read-out to {@code ops}.
   *
   * @param lowerFraction the band is {@code [lowerFraction, 1] x budget}
   * @param withinBand whether {@code latencyMs} is in it
   * @param repairMoves the switch-offs when the read-out was over the budget, in order
   * @param moves the switch-ons, in order: block, indicator, the supernet's relative margin
   *     {@code (norm - threshold) / norm} that ranked it first among the moves that fit, latency before and after
   * @param note one line: what was done, or why the band was not reached
   */
  public record Fill(double lowerFraction, boolean withinBand, List<String> repairMoves, List<String> moves, String note) {
    public Fill {
      repairMoves = List.copyOf(repairMoves);
      moves = List.copyOf(moves);
    }
  }

  public static SearchResult read(Path file) {
    return Json.read(file, SCHEMA, VERSION, SearchResult.class);
  }

  public void write(Path file) {
    Json.write(file, SCHEMA, VERSION, this);
  }
}
