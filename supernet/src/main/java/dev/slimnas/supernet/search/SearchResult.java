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
 * @param ops the op of every block, in order
 * @param latencyMs predicted latency of the deployment architecture (the differentiable latency at the hard
 *     indicators, equal to the table wherever the table covers the ops)
 * @param seEstimated true when an SE path's latency is the MAC-proportional estimate (the table has no SE)
 * @param budgetMs the budget of a budget-mode search, 0 for a fixed lambda
 * @param finalLambda lambda at the end of the search
 * @param supernetValidation accuracy of the supernet's final path on the validation images
 * @param supernetSteps training steps of the supernet
 * @param supernetSeconds wall time of the supernet training
 * @param architecture file name of the searched architecture (CIFAR scale, schema slimnas.arch)
 * @param deploymentArchitecture file name of its deployment twin
 */
public record SearchResult(String space, String deploymentSpace, String device, List<String> ops, double latencyMs,
    boolean seEstimated, double budgetMs, double finalLambda, double supernetValidation, long supernetSteps,
    double supernetSeconds, String architecture, String deploymentArchitecture) {
  public static final String SCHEMA = "slimnas.search-result";
  public static final int VERSION = 1;

  public SearchResult {
    ops = List.copyOf(ops);
  }

  public static SearchResult read(Path file) {
    return Json.read(file, SCHEMA, VERSION, SearchResult.class);
  }

  public void write(Path file) {
    Json.write(file, SCHEMA, VERSION, this);
  }
}
