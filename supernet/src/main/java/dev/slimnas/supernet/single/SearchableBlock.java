package dev.slimnas.supernet.single;

import dev.slimnas.latency.diff.BlockIndicators;

/**
 * What the search loop needs from a searchable single-path block inside a network: reading its
 * indicators, feeding the latency term's gradient into them, and driving indicator dropout. The layer
 * of a {@link SinglePathBlock} implements it; {@link SinglePathGraph#blocks} finds them in a graph.
 */
public interface SearchableBlock {

  /** Name of the graph vertex (layer) this block is. */
  String name();

  /** Hard indicator values at the current parameters, without dropout (what the read-out uses). */
  BlockIndicators indicators();

  /** Hard values, norms and thresholds at the current parameters. */
  IndicatorState state();

  /**
   * Adds an extra gradient {@code dL/d(keep, e6, k5, se)} of the per-batch MEAN loss (e.g.
   * {@code lambda * d log(R) / d d_*} from {@link dev.slimnas.latency.diff.DifferentiableLatency}) to
   * the next backward pass of this block, which sends it through the same straight-through chain as
   * the loss's own indicator gradients into the thresholds and weights. Call it once per step, before
   * the backward pass (e.g. before {@code fit}); calls before one backward pass add up; the backward
   * pass consumes it. Entries of indicators that are forced (keep of a non-skippable block, se without
   * an SE path) or dropped by indicator dropout in that pass have no effect.
   *
   * <p>The layer multiplies the values by the minibatch size, because DL4J's layers produce gradients
   * of the summed loss and its updater divides every gradient by the minibatch size.
   */
  void addIndicatorGradient(double[] dLdIndicator);

  /** The indicator-dropout probability of later training passes (0 turns it off). */
  void setIndicatorDropout(double rate);

  /** Restarts the indicator-dropout generator; see {@link IndicatorDropout} for the semantics. */
  void reseedIndicatorDropout(long seed);
}
