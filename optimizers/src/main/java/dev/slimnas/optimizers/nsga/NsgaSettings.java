package dev.slimnas.optimizers.nsga;

/**
 * The settings of the NSGA-II engine ({@link NsgaEngines}).
 *
 * @param populationSize individuals per generation, at least 4
 * @param crossoverProbability probability of uniform crossover per pair, in [0, 1]
 * @param mutationProbability probability of uniform and of Gaussian mutation per gene, in [0, 1]
 */
public record NsgaSettings(int populationSize, double crossoverProbability, double mutationProbability) {
  public NsgaSettings {
    if (populationSize < 4) {
      throw new IllegalArgumentException("populationSize must be >= 4, got " + populationSize);
    }
    probability("crossoverProbability", crossoverProbability);
    probability("mutationProbability", mutationProbability);
  }

  /** {@link NsgaSearch}'s defaults: population 32, crossover 0.5, mutation 0.1. */
  public static NsgaSettings defaults() {
    return new NsgaSettings(32, 0.5, 0.1);
  }

  public NsgaSettings withPopulationSize(int n) {
    return new NsgaSettings(n, crossoverProbability, mutationProbability);
  }

  static double probability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + p);
    }
    return p;
  }
}
