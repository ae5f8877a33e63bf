package dev.slimnas.supernet.train;

import java.util.List;
import java.util.Objects;

/**
 * Where a run stands between two steps: enough, with the network and its updater state, to continue
 * exactly. Saved in {@code checkpoint/gen-NNNNNN/state.json} ({@link CheckpointStore}).
 *
 * @param epoch epoch of the next step (equals the config's epochs when training is complete)
 * @param nextBatch index of the next batch within {@code epoch}
 * @param step steps done so far (= the 0-based index of the next step)
 * @param batchesPerEpoch batches per epoch of the training data (checked on resume)
 * @param current running sums of {@code epoch} so far
 * @param epochs results of the finished epochs
 * @param seconds wall time of the run so far (steps, evaluation, listeners; over all sessions)
 * @param configFingerprint {@link TrainConfig#fingerprint()} of the run
 */
public record TrainState(
    int epoch,
    int nextBatch,
    long step,
    int batchesPerEpoch,
    EpochTotals current,
    List<EpochResult> epochs,
    double seconds,
    String configFingerprint) {

  public TrainState {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(configFingerprint, "configFingerprint");
    epochs = List.copyOf(epochs);
    Checks.atLeast("epoch", epoch, 0);
    Checks.atLeast("nextBatch", nextBatch, 0);
    Checks.atLeast("step", step, 0);
    Checks.atLeast("batchesPerEpoch", batchesPerEpoch, 1);
  }

  /** The state before the first step. */
  public static TrainState start(int batchesPerEpoch, String configFingerprint) {
    return new TrainState(0, 0, 0, batchesPerEpoch, EpochTotals.ZERO, List.of(), 0, configFingerprint);
  }
}
