package dev.slimnas.supernet.search;

import dev.slimnas.optimizers.budget.LatencyTarget;
import dev.slimnas.space.json.Json;
import dev.slimnas.supernet.train.LrSchedule;
import dev.slimnas.supernet.train.Optimizer;
import dev.slimnas.supernet.train.TrainConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A single-path search as data (schema {@value #SCHEMA}, version {@value #VERSION}), stored as
 * {@code search.json} in the run folder.
 *
 * @param space the search space the supernet is built from (CIFAR scale), e.g. {@code spnas-cifar}
 * @param deploymentSpace the space whose macro-architecture latency is predicted for, block for block
 *     the same choices (e.g. {@code spnas-224}); see {@link Readout}
 * @param device the latency table ({@code slimnas latency devices})
 * @param widthMultiplier scales every width of the supernet (search cost), not of the deployment net
 * @param trainImages images of the search's training split used (0 = all 45,000)
 * @param validationImages images of the validation split used to score the supernet (0 = all 5,000)
 * @param warmupEpochs epochs with lambda = 0 and indicator dropout before the latency term is on
 * @param indicatorDropout probability that an indicator is forced off during warm-up (published: 0.4)
 * @param target fixed lambda or a latency budget in ms (lambda adapted, see LambdaController)
 * @param weights epochs, batch, optimizer, schedule, label smoothing, weight decay, seed and
 *     checkpointing of the supernet's weights (and of the thresholds when {@code thresholds} is null)
 * @param thresholds how the thresholds are trained: with the weights (as published) or with their own optimizer
 * @param finalTrainEpochs after the search, train the found network from scratch for this many epochs
 *     and evaluate it on the test set (0: skip)
 */
public record SearchConfig(
    String space,
    String deploymentSpace,
    String device,
    double widthMultiplier,
    int trainImages,
    int validationImages,
    int warmupEpochs,
    double indicatorDropout,
    LatencyTarget target,
    TrainConfig weights,
    ThresholdTraining thresholds,
    int finalTrainEpochs) {

  public static final String SCHEMA = "slimnas.search";
  public static final int VERSION = 1;

  public SearchConfig {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(deploymentSpace, "deploymentSpace");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(thresholds, "thresholds");
    require(widthMultiplier > 0 && widthMultiplier <= 4, "widthMultiplier must be in (0, 4], got " + widthMultiplier);
    require(trainImages >= 0, "trainImages must be >= 0, got " + trainImages);
    require(validationImages >= 0, "validationImages must be >= 0, got " + validationImages);
    require(warmupEpochs >= 0 && warmupEpochs < weights.epochs(),
        "warmupEpochs must be in [0, weights.epochs = " + weights.epochs() + "), got " + warmupEpochs);
    require(indicatorDropout >= 0 && indicatorDropout < 1, "indicatorDropout must be in [0, 1), got " + indicatorDropout);
    require(finalTrainEpochs >= 0, "finalTrainEpochs must be >= 0, got " + finalTrainEpochs);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * The published schedule (8 epochs, 5 of warm-up with indicator dropout 0.4, RMSProp at 0.016 per 256
   * images decayed x0.97 every 2.4 epochs, label smoothing 0.1, weight decay 1e-5, lambda 0.02) on the
   * whole CIFAR-10 search split, full width, against the Single-Path Pixel 1 table.
   */
  public static SearchConfig published() {
    TrainConfig w = new TrainConfig(8, 64, new Optimizer.RmsProp(0.016 * 64 / 256, 0.9, 1e-3, 0.9),
        new LrSchedule.Exponential(0, 0.97, 2.4), 0.1, 1e-5, 1, 200, 1);
    return new SearchConfig("spnas-cifar", "spnas-224", "pixel1-singlepath", 1.0, 0, 0, 5, 0.4,
        new LatencyTarget.Fixed(0.02), w, new ThresholdTraining.WithWeights(), 0);
  }

  /**
   * The scaled-down search {@code slimnas search} runs by default (about 10 minutes on 2 cores): the
   * supernet at width 0.5 on 5,000 of the 45,000 search-training images for 4 epochs (1 of warm-up with
   * indicator dropout 0.2), batch 64, validated on 1,000 held-out images, against the Single-Path Pixel 1
   * table with a latency budget. Unlike the published schedule (RMSProp for everything, made for 8 ImageNet
   * epochs), the weights use the project's CIFAR recipe (SGD with Nesterov momentum at 0.05, cosine with a
   * quarter-epoch warm-up, label smoothing 0.1, weight decay 5e-5), which learns in a few hundred steps, and
   * the thresholds use Adam without momentum (beta1 0) at 0.01 from the end of the warm-up: steps of about
   * 0.01 whatever the tiny scale of their gradients, and no inertia to overshoot the budget with. The
   * budget controller starts at lambda 0.05 with gain 0.1 so it reaches a working lambda within the ~230
   * search steps (see the supernet README for the runs behind these choices).
   */
  public static SearchConfig scaledDown(double budgetMs) {
    TrainConfig w = new TrainConfig(4, 64, new Optimizer.Sgd(0.05, 0.9, true), new LrSchedule.Cosine(0.25, 0), 0.1, 5e-5,
        1, 50, 1);
    return new SearchConfig("spnas-cifar", "spnas-224", "pixel1-singlepath", 0.5, 5000, 1000, 1, 0.2,
        new LatencyTarget.Budget(budgetMs, 0.05, 0.1, 0.97, 1e-4, 2.0), w,
        new ThresholdTraining.Own(new Optimizer.Adam(0.01, 0, 0.99, 1e-8)), 0);
  }

  public static SearchConfig read(Path file) {
    return Json.read(file, SCHEMA, VERSION, SearchConfig.class);
  }

  public static SearchConfig parse(String text, String source) {
    return Json.parse(text, source, SCHEMA, VERSION, SearchConfig.class);
  }

  public String toJson() {
    return Json.toJson(SCHEMA, VERSION, this);
  }

  public void write(Path file) {
    Json.write(file, SCHEMA, VERSION, this);
  }

  public String fingerprint() {
    return Json.fingerprint(this);
  }

  public SearchConfig withTarget(LatencyTarget t) {
    return new SearchConfig(space, deploymentSpace, device, widthMultiplier, trainImages, validationImages,
        warmupEpochs, indicatorDropout, t, weights, thresholds, finalTrainEpochs);
  }

  public SearchConfig withWeights(TrainConfig w) {
    return new SearchConfig(space, deploymentSpace, device, widthMultiplier, trainImages, validationImages,
        warmupEpochs, indicatorDropout, target, w, thresholds, finalTrainEpochs);
  }

  public SearchConfig withScale(double wm, int train, int validation) {
    return new SearchConfig(space, deploymentSpace, device, wm, train, validation, warmupEpochs, indicatorDropout,
        target, weights, thresholds, finalTrainEpochs);
  }

  /** {@code epochs} of supernet training of which {@code warmup} are warm-up, changed together (each alone may not fit the other). */
  public SearchConfig withEpochs(int epochs, int warmup) {
    return new SearchConfig(space, deploymentSpace, device, widthMultiplier, trainImages, validationImages, warmup,
        indicatorDropout, target, weights.withEpochs(epochs), thresholds, finalTrainEpochs);
  }

  public SearchConfig withWarmupEpochs(int e) {
    return new SearchConfig(space, deploymentSpace, device, widthMultiplier, trainImages, validationImages, e,
        indicatorDropout, target, weights, thresholds, finalTrainEpochs);
  }

  public SearchConfig withFinalTrainEpochs(int e) {
    return new SearchConfig(space, deploymentSpace, device, widthMultiplier, trainImages, validationImages,
        warmupEpochs, indicatorDropout, target, weights, thresholds, e);
  }

  public SearchConfig withSpaces(String searchSpace, String deployment) {
    return new SearchConfig(searchSpace, deployment, device, widthMultiplier, trainImages, validationImages, warmupEpochs,
        indicatorDropout, target, weights, thresholds, finalTrainEpochs);
  }

  public SearchConfig withThresholds(ThresholdTraining o) {
    return new SearchConfig(space, deploymentSpace, device, widthMultiplier, trainImages, validationImages, warmupEpochs,
        indicatorDropout, target, weights, o, finalTrainEpochs);
  }

  public SearchConfig withDevice(String d) {
    return new SearchConfig(space, deploymentSpace, d, widthMultiplier, trainImages, validationImages,
        warmupEpochs, indicatorDropout, target, weights, thresholds, finalTrainEpochs);
  }
}
