package dev.slimnas.supernet.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One optimizer step of a {@link Trainer} on one batch. The default is DL4J's {@code fit}; slimmable
 * training replaces it by the sandwich rule (several sub-networks' gradients summed into one update).
 *
 * <p>Whatever a step does, it must leave the trainer's invariants: the graph's listeners see the forward
 * pass of the network being trained (the trainer's loss/accuracy probe listens to it), {@code graph.score()}
 * is that pass's loss, and the graph's iteration count is advanced by exactly one.
 */
@FunctionalInterface
public interface TrainStep {

  /** DL4J's own step. */
  TrainStep FIT = (graph, x, y, step, epoch) -> graph.fit(new INDArray[] {x}, new INDArray[] {y});

  /**
   * Trains {@code graph} on inputs {@code x} with targets {@code y} (rows are probability vectors,
   * label-smoothed when the config asks); {@code step} is the global 0-based step.
   */
  void fit(ComputationGraph graph, INDArray x, INDArray y, long step, int epoch);
}
