package dev.slimnas.supernet.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A listener that also acts on the network right before each training step, e.g. the search loop
 * adding the latency term's gradient to the searchable blocks. A trainer calls hooks before its
 * metrics log and checkpointer, so whatever a hook records for a step is on disk before the checkpoint
 * that follows the step is written (which is what lets a hook restore its own state on resume).
 */
public interface StepHook extends TrainListener {

  /**
   * Called on the training thread before {@code graph.fit} of step {@code step} (global, 0-based) of
   * epoch {@code epoch}, after ND4J's random generator was reseeded for the step.
   */
  void beforeFit(long step, int epoch, ComputationGraph graph);
}
