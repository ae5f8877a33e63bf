package dev.slimnas.supernet.train;

/**
 * Receives the results the training loop emits; logging, the metrics log, checkpoints and progress
 * display are listeners. Calls come on the training thread in order: {@link #started}, then per step
 * {@link #stepDone} and after an epoch's last step {@link #epochDone}, then {@link #finished}. An
 * exception thrown by a listener stops the run (the checkpoint on disk stays as it was).
 */
public interface TrainListener {

  /** Before the first step of this session ({@code run.resumed()} tells whether it continues a run). */
  default void started(TrainRun run) {}

  /** After a step; {@code run.state()} is the state after it. */
  default void stepDone(StepResult step, TrainRun run) {}

  /** After the last step of an epoch and its evaluation; {@code run.state()} points at the next epoch. */
  default void epochDone(EpochResult epoch, TrainRun run) {}

  /** After the last epoch, once {@code model.zip} and {@code result.json} are written. */
  default void finished(TrainResult result, TrainRun run) {}
}
