/**
 * Experiments as sets of named, independent, resumable trials: {@link dev.slimnas.space.trial.Trial} (its
 * inputs are data: a record naming architecture, config, seed; and its run folder),
 * {@link dev.slimnas.space.trial.TrialWork} (what a trial does; resumes from its own checkpoint and writes a
 * result document into its run folder), {@link dev.slimnas.space.trial.Experiment} (trials + work) and the
 * {@link dev.slimnas.space.trial.TrialRunner}s that run them: {@link dev.slimnas.space.trial.LocalRunner} one
 * after another in this JVM, others (the Spark runner of {@code experiments/spark}) found through
 * {@link dev.slimnas.space.trial.TrialRunners} by {@link java.util.ServiceLoader}, so no module but the one
 * that provides a runner depends on its engine. Pure Java: the trial's work may use DL4J, this package does not.
 */
package dev.slimnas.space.trial;
