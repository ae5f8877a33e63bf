/**
 * Training: the run config ({@link dev.slimnas.supernet.train.TrainConfig}), optimizers and learning-rate
 * schedules with their DL4J adapters, the step loop that emits immutable step and epoch results to
 * listeners (metrics log, checkpoints, logging), exact resume from a run folder, the divergence guard,
 * and the {@link dev.slimnas.supernet.train.Evaluator}.
 */
package dev.slimnas.supernet.train;
