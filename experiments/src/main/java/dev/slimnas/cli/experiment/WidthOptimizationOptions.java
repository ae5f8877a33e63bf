package dev.slimnas.cli.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of a width optimization ({@link WidthOptimization}), shared by the commands that run one. */
public final class WidthOptimizationOptions {
  @Option(names = "--optimizer", defaultValue = "nsga", description = "Width optimizer: nsga, greedy or joslim (default ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--cost-fraction", defaultValue = "0.5",
      description = "Budget: MACs at most this fraction of the network's full-width MACs (default ${DEFAULT-VALUE}).")
  double costFraction;

  @Option(names = "--per-step", defaultValue = "2", description = "Sampled sub-networks per sandwich step (default ${DEFAULT-VALUE}).")
  int perStep;

  @Option(names = "--val-images", defaultValue = "500", description = "Validation images for the width optimizer (default ${DEFAULT-VALUE}).")
  int valImages;

  @Option(names = "--calibration-batches", defaultValue = "2", description = "Batches of 128 for BN recalibration (default ${DEFAULT-VALUE}).")
  int calibrationBatches;

  @Option(names = "--nsga-population", defaultValue = "8", description = "NSGA-II population (default ${DEFAULT-VALUE}).")
  int population;

  @Option(names = "--nsga-generations", defaultValue = "3", description = "NSGA-II generations (default ${DEFAULT-VALUE}).")
  int generations;

  @Option(names = "--greedy-step", defaultValue = "0.125", description = "Greedy: multiplier step per move (default ${DEFAULT-VALUE}).")
  double greedyStep;

  @Option(names = "--max-evaluations", defaultValue = "400", description = "Greedy: evaluation cap (default ${DEFAULT-VALUE}).")
  int maxEvaluations;

  @Option(names = "--tau", defaultValue = "10", description = "Joslim: steps between refreshes (default ${DEFAULT-VALUE}).")
  int tau;

  @Option(names = "--proposals", defaultValue = "3", description = "Joslim: proposals per refresh (default ${DEFAULT-VALUE}).")
  int proposals;

  /** The optimizer named by {@code --optimizer}. */
  public WidthOptimization.Optimizer optimizer() {
    return WidthOptimization.Optimizer.parse(optimizer);
  }

  public double costFraction() {
    return costFraction;
  }

  public int valImages() {
    return valImages;
  }

  /** The settings for a slimmable training of {@code images} images and {@code epochs} epochs. */
  public WidthOptimization.Settings settings(int images, int epochs) {
    return new WidthOptimization.Settings(images, epochs, perStep, costFraction, calibrationBatches, population, generations,
        greedyStep, maxEvaluations, tau, proposals);
  }

  /** The options as a map, for provenance and tables. */
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("optimizer", optimizer);
    d.put("costFraction", costFraction);
    d.put("perStep", perStep);
    d.put("valImages", valImages);
    d.put("calibrationBatches", calibrationBatches);
    d.put("nsgaPopulation", population);
    d.put("nsgaGenerations", generations);
    d.put("greedyStep", greedyStep);
    d.put("maxEvaluations", maxEvaluations);
    d.put("tau", tau);
    d.put("proposals", proposals);
    return d;
  }
}
