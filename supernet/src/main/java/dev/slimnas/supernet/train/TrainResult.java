package dev.slimnas.supernet.train;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a finished run, saved as {@code result.json} (schema {@value #SCHEMA}).
 *
 * @param epochs per-epoch results
 * @param eval evaluation after the last epoch ({@link EvalResult#NONE} without evaluation data)
 * @param steps optimizer steps
 * @param images training images seen
 * @param seconds wall time of the run over all sessions
 * @param imagesPerSecond training throughput over all epochs (images over the time of the training steps)
 * @param configFingerprint {@link TrainConfig#fingerprint()}
 * @param model file name of the final network in the run folder
 */
public record TrainResult(
    List<EpochResult> epochs,
    EvalResult eval,
    long steps,
    long images,
    double seconds,
    double imagesPerSecond,
    String configFingerprint,
    String model) {
  public static final String SCHEMA = "slimnas.train-result";
  public static final int VERSION = 1;

  public TrainResult {
    epochs = List.copyOf(epochs);
    Objects.requireNonNull(eval, "eval");
    Objects.requireNonNull(configFingerprint, "configFingerprint");
    Objects.requireNonNull(model, "model");
  }

  /** The result summarised from a completed state. */
  static TrainResult of(TrainState s, String model) {
    long images = 0;
    double trainSeconds = 0;
    for (EpochResult e : s.epochs()) {
      images += e.images();
      trainSeconds += e.imagesPerSecond() > 0 ? e.images() / e.imagesPerSecond() : 0;
    }
    EvalResult last = s.epochs().isEmpty() ? EvalResult.NONE : s.epochs().get(s.epochs().size() - 1).eval();
    return new TrainResult(s.epochs(), last, s.step(), images, s.seconds(), trainSeconds > 0 ? images / trainSeconds : 0,
        s.configFingerprint(), model);
  }
}
