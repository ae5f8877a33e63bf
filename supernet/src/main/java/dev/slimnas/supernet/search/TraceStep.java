package dev.slimnas.supernet.search;

import java.util.List;

/**
 * One line of a search trace ({@code trace.jsonl}): the state after a training step of the supernet.
 *
 * @param step global step (0-based)
 * @param epoch epoch of the step
 * @param phase {@code warmup} (lambda 0, indicator dropout) or {@code search}
 * @param ce the step's cross-entropy (label-smoothed, as trained) on its batch
 * @param accuracy the step's training accuracy on its batch
 * @param lr learning rate of the step
 * @param lambda weight of the latency term in this step (0 in warm-up)
 * @param nextLambda the weight for the next step (the budget controller's output)
 * @param latencyMs predicted deployment latency of the architecture the hard indicators select after the step
 * @param softLatencyMs the same latency function at the soft indicators ({@code SoftIndicators}): what the
 *     budget controller acts on
 * @param arch op codes of every block after the step, comma-separated (e.g. {@code k3e3,k5e6,skip,...})
 * @param blocks indicator state of every searchable block after the step
 */
public record TraceStep(long step, int epoch, String phase, double ce, double accuracy, double lr, double lambda,
    double nextLambda, double latencyMs, double softLatencyMs, String arch, List<TraceBlock> blocks) {
  public TraceStep {
    blocks = List.copyOf(blocks);
  }

  /**
   * A searchable block in a trace line; arrays in the order (keep, e6, k5, se).
   *
   * @param index the block's index in the architecture
   * @param op the op its hard indicators select
   * @param hard hard indicator values
   * @param norms the RMS norms the indicators compare
   * @param thresholds the trainable thresholds
   */
  public record TraceBlock(int index, String op, double[] hard, double[] norms, double[] thresholds) {}
}
