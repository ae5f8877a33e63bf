package dev.slimnas.supernet.single;

import dev.slimnas.latency.diff.BlockIndicators;
import java.util.Objects;

/**
 * What a searchable block's indicators look like at the current parameters, for the search trace and
 * the read-out: the hard values (no dropout), the norms they compare and the trainable thresholds.
 * {@code norms.keep()} is reported even when the block may not skip (its keep is then forced to 1);
 * {@code norms.se()} is 0 for a block without an SE path.
 *
 * @param hard hard 0/1 indicator values (what the read-out turns into an op)
 * @param norms ||W_k[first half]||, ||W_k[second half]||, ||W_out||, ||SE reduce on the active channels||
 * @param thresholds t_keep, t_e6, t_k5, t_se
 * @param skippable whether the block may be skipped (else keep is forced to 1)
 * @param searchableSe whether the block has an SE path to search
 * @param tied whether kernel and expansion are one decision (then e6 and k5 carry the same indicator, norm
 *     and threshold: the norm of the weights the large op adds, against {@code t_e6})
 */
public record IndicatorState(BlockIndicators hard, IndicatorVector norms, IndicatorVector thresholds,
    boolean skippable, boolean searchableSe, boolean tied) {
  public IndicatorState {
    Objects.requireNonNull(hard, "hard");
    Objects.requireNonNull(norms, "norms");
    Objects.requireNonNull(thresholds, "thresholds");
  }

  /** A block with independent kernel and expansion indicators. */
  public IndicatorState(BlockIndicators hard, IndicatorVector norms, IndicatorVector thresholds, boolean skippable,
      boolean searchableSe) {
    this(hard, norms, thresholds, skippable, searchableSe, false);
  }
}
