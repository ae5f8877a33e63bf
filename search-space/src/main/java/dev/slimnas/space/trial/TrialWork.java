package dev.slimnas.space.trial;

import java.io.Serializable;
import java.util.Optional;

/**
 * What the trials of one experiment do. Serializable (a runner ships it to other JVMs with the trials), so an
 * implementation holds only settings, never loaded data or networks: data shared between trials comes from
 * {@link TrialContext#shared}.
 *
 * @param <I> the trials' input type
 */
public interface TrialWork<I extends Serializable> extends Serializable {
  /**
   * The trial's result document when the trial has finished (its result file exists in its run folder), else
   * empty. Cheap: loads no data set and starts no engine; runners call it before {@link #run}.
   */
  Optional<TrialResult> finished(Trial<I> trial);

  /**
   * Brings the trial to its end: resumes from its own checkpoint in its run folder when an earlier attempt
   * left one, else starts it; writes its result document atomically as the last step and returns it.
   */
  TrialResult run(Trial<I> trial, TrialContext context);
}
