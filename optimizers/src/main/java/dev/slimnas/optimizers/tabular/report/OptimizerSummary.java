package dev.slimnas.optimizers.tabular.report;

import java.util.List;
import java.util.Map;

/**
 * One optimizer over all repeats of a benchmark.
 *
 * @param optimizer name
 * @param parameters its settings
 * @param repeats number of repeats
 * @param regretMean mean regret (objective units)
 * @param regretStd sample standard deviation of the regret
 * @param regretStdErr standard error of the mean regret
 * @param regretMedian median regret
 * @param regretMin smallest regret
 * @param regretMax largest regret
 * @param foundOracle repeats that found the oracle
 * @param foundOracleShare their share
 * @param evaluationsToOracleMean mean evaluations to the oracle over the repeats that found it, or null
 * @param evaluationsMean mean evaluations used
 * @param percentileMean mean percentile rank of the found architecture among feasible ones
 * @param hypervolumeMean mean normalised hypervolume ratio, or null outside multi-objective mode
 * @param hypervolumeStd its standard deviation, or null
 * @param anytimeMean mean best-so-far regret after 1, 2, ... budget evaluations
 * @param anytimeStd its standard deviation per evaluation
 */
public record OptimizerSummary(String optimizer, Map<String, Object> parameters, int repeats, double regretMean,
    double regretStd, double regretStdErr, double regretMedian, double regretMin, double regretMax, int foundOracle,
    double foundOracleShare, Double evaluationsToOracleMean, double evaluationsMean, double percentileMean,
    Double hypervolumeMean, Double hypervolumeStd, List<Double> anytimeMean, List<Double> anytimeStd) {
  public OptimizerSummary {
    parameters = new java.util.TreeMap<>(parameters);
    anytimeMean = List.copyOf(anytimeMean);
    anytimeStd = List.copyOf(anytimeStd);
  }

  /** Summarises the repeats of one optimizer; {@code budget} is the length of the anytime curves. */
  static OptimizerSummary of(String optimizer, Map<String, Object> parameters, List<RepeatResult> runs, int budget) {
    double[] regret = runs.stream().mapToDouble(RepeatResult::regret).toArray();
    int found = (int) runs.stream().filter(RepeatResult::foundOracle).count();
    Double toOracle = found == 0 ? null : runs.stream().filter(RepeatResult::foundOracle)
        .mapToDouble(RepeatResult::evaluationsToOracle).average().orElseThrow();
    boolean hv = runs.get(0).hypervolume() != null;
    double[] hvs = hv ? runs.stream().mapToDouble(RepeatResult::hypervolume).toArray() : null;
    List<Double> mean = new java.util.ArrayList<>();
    List<Double> std = new java.util.ArrayList<>();
    for (int e = 1; e <= budget; e++) {
      final int at = e;
      double[] v = runs.stream().mapToDouble(r -> r.anytimeAt(at)).toArray();
      mean.add(Statistics.mean(v));
      std.add(Statistics.std(v));
    }
    return new OptimizerSummary(optimizer, parameters, runs.size(), Statistics.mean(regret), Statistics.std(regret),
        Statistics.stdErr(regret), Statistics.median(regret), java.util.Arrays.stream(regret).min().orElseThrow(),
        java.util.Arrays.stream(regret).max().orElseThrow(), found, (double) found / runs.size(), toOracle,
        runs.stream().mapToInt(RepeatResult::evaluations).average().orElseThrow(),
        runs.stream().mapToDouble(RepeatResult::percentile).average().orElseThrow(),
        hv ? Statistics.mean(hvs) : null, hv ? Statistics.std(hvs) : null, mean, std);
  }
}
