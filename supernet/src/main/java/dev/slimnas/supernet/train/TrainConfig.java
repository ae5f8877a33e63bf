package dev.slimnas.supernet.train;

import dev.slimnas.space.json.Json;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything that defines a training run besides the network and the data; stored as
 * {@code train.json} in the run folder (schema {@value #SCHEMA}, version {@value #VERSION}).
 *
 * @param epochs passes over the training set, >= 1
 * @param batchSize images per optimizer step, >= 1 (must equal the training {@code BatchSource}'s)
 * @param optimizer SGD (Nesterov or heavy-ball momentum) or RMSProp, with the peak learning rate
 * @param schedule warm-up and decay of the learning rate
 * @param labelSmoothing epsilon of label smoothing, in [0, 1): targets {@code y * (1 - eps) + eps / K}
 * @param weightDecay decoupled weight decay on conv and dense weights (scaled by the learning rate), >= 0
 * @param seed run seed: weight initialisation and dropout draws are derived from it
 * @param checkpointEverySteps write a checkpoint every this many steps (0: only at the end of epochs)
 * @param evaluateEveryEpochs evaluate every this many epochs (0: only after the last; the last epoch is
 *     always evaluated when there is evaluation data)
 */
public record TrainConfig(
    int epochs,
    int batchSize,
    Optimizer optimizer,
    LrSchedule schedule,
    double labelSmoothing,
    double weightDecay,
    long seed,
    int checkpointEverySteps,
    int evaluateEveryEpochs) {

  public static final String SCHEMA = "slimnas.train";
  public static final int VERSION = 1;

  public TrainConfig {
    Checks.atLeast("epochs", epochs, 1);
    Checks.atLeast("batchSize", batchSize, 1);
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(schedule, "schedule");
    Checks.inRange("labelSmoothing", labelSmoothing, 0, 1);
    Checks.nonNegative("weightDecay", weightDecay);
    Checks.atLeast("checkpointEverySteps", checkpointEverySteps, 0);
    Checks.atLeast("evaluateEveryEpochs", evaluateEveryEpochs, 0);
    if (schedule.warmupEpochs() >= epochs) {
      throw new IllegalArgumentException("schedule.warmupEpochs (" + schedule.warmupEpochs()
          + ") must be less than epochs (" + epochs + ")");
    }
  }

  /**
   * For small CIFAR-10 networks (MobileNetV2-like, ~0.1-3M parameters): 50 epochs of batch 128, SGD with
   * Nesterov momentum 0.9 at peak rate 0.1, 1 warm-up epoch then cosine to 0, label smoothing 0.1,
   * weight decay 5e-5, a checkpoint every 100 steps, evaluation after every epoch.
   */
  public static TrainConfig cifarDefaults() {
    return new TrainConfig(50, 128, new Optimizer.Sgd(0.1, 0.9, true), new LrSchedule.Cosine(1, 0), 0.1, 5e-5, 1, 100, 1);
  }

  /**
   * The CIFAR defaults for a short run of {@code epochs}: the same settings with a warm-up of a tenth of the
   * run, at most one epoch. Every comparison of architectures in the project trains them with this.
   */
  public static TrainConfig cifarShort(int epochs, long seed) {
    return cifarDefaults().withSchedule(new LrSchedule.Cosine(Math.min(1, 0.1 * epochs), 0)).withEpochs(epochs).withSeed(seed);
  }

  /** Reads a {@code train.json}; problems become one-line messages naming the file and field. */
  public static TrainConfig read(Path file) {
    return Json.read(file, SCHEMA, VERSION, TrainConfig.class);
  }

  /** Parses a config from text; {@code source} names it in messages. */
  public static TrainConfig parse(String text, String source) {
    return Json.parse(text, source, SCHEMA, VERSION, TrainConfig.class);
  }

  /** The versioned JSON document. */
  public String toJson() {
    return Json.toJson(SCHEMA, VERSION, this);
  }

  /** Writes the versioned JSON document atomically. */
  public void write(Path file) {
    Json.write(file, SCHEMA, VERSION, this);
  }

  /** First 16 hex digits of the SHA-256 of the canonical JSON: names the config in checkpoints. */
  public String fingerprint() {
    return Json.fingerprint(this);
  }

  public TrainConfig withEpochs(int e) {
    return new TrainConfig(e, batchSize, optimizer, schedule, labelSmoothing, weightDecay, seed, checkpointEverySteps, evaluateEveryEpochs);
  }

  public TrainConfig withBatchSize(int b) {
    return new TrainConfig(epochs, b, optimizer, schedule, labelSmoothing, weightDecay, seed, checkpointEverySteps, evaluateEveryEpochs);
  }

  public TrainConfig withOptimizer(Optimizer o) {
    return new TrainConfig(epochs, batchSize, o, schedule, labelSmoothing, weightDecay, seed, checkpointEverySteps, evaluateEveryEpochs);
  }

  public TrainConfig withSchedule(LrSchedule s) {
    return new TrainConfig(epochs, batchSize, optimizer, s, labelSmoothing, weightDecay, seed, checkpointEverySteps, evaluateEveryEpochs);
  }

  public TrainConfig withLabelSmoothing(double eps) {
    return new TrainConfig(epochs, batchSize, optimizer, schedule, eps, weightDecay, seed, checkpointEverySteps, evaluateEveryEpochs);
  }

  public TrainConfig withWeightDecay(double wd) {
    return new TrainConfig(epochs, batchSize, optimizer, schedule, labelSmoothing, wd, seed, checkpointEverySteps, evaluateEveryEpochs);
  }

  public TrainConfig withSeed(long s) {
    return new TrainConfig(epochs, batchSize, optimizer, schedule, labelSmoothing, weightDecay, s, checkpointEverySteps, evaluateEveryEpochs);
  }

  public TrainConfig withCheckpointEverySteps(int k) {
    return new TrainConfig(epochs, batchSize, optimizer, schedule, labelSmoothing, weightDecay, seed, k, evaluateEveryEpochs);
  }

  public TrainConfig withEvaluateEveryEpochs(int k) {
    return new TrainConfig(epochs, batchSize, optimizer, schedule, labelSmoothing, weightDecay, seed, checkpointEverySteps, k);
  }

  /** True when epoch {@code epoch} (0-based) ends with an evaluation (given evaluation data). */
  public boolean evaluatesAfter(int epoch) {
    return epoch == epochs - 1 || (evaluateEveryEpochs > 0 && (epoch + 1) % evaluateEveryEpochs == 0);
  }
}
