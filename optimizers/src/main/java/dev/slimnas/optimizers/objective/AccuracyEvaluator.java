package dev.slimnas.optimizers.objective;

import dev.slimnas.space.search.ArchEncoding;

/**
 * The expensive objective: the accuracy of an architecture, a fraction in [0, 1] (e.g. the supernet
 * path with recalibrated BN statistics on the validation split). Implemented outside this module; the
 * searches here call it through {@link CachingEvaluator} so an architecture is evaluated once.
 */
@FunctionalInterface
public interface AccuracyEvaluator {

  /** Accuracy of the architecture {@code encoding} describes, in [0, 1]. */
  double accuracy(ArchEncoding encoding);
}
