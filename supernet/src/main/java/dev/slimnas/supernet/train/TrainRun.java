package dev.slimnas.supernet.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

/** What a {@link TrainListener} can see of the run in progress. */
public interface TrainRun {

  TrainConfig config();

  RunFolder folder();

  /** The network being trained (live: do not modify it unless you mean to). */
  ComputationGraph graph();

  /** The state after the latest step or epoch. */
  TrainState state();

  /** True when this session continues from a checkpoint. */
  boolean resumed();
}
