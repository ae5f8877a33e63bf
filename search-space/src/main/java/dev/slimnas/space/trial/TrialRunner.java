package dev.slimnas.space.trial;

import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;

/** Runs the trials of an experiment: a finished trial is not run again, an interrupted one resumes from its checkpoint. */
public interface TrialRunner {
  /**
   * Runs every trial of {@code experiment} that has not finished and returns one result per trial, in the
   * experiment's order; {@code onResult} sees each result as the runner learns of it (finished trials first).
   */
  <I extends Serializable> List<TrialResult> run(Experiment<I> experiment, Consumer<TrialResult> onResult);

  /** For provenance and logs: {@code local}, {@code spark spark://host:7077}, ... */
  String describe();
}
