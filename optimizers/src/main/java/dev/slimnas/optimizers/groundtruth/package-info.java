/**
 * A weight-sharing pipeline checked against a tabular benchmark: the ground truth of a space's
 * encodings, and what searches over a supernet's accuracy find under a cost budget, measured by the
 * benchmark (regret to the oracle under the budget, rank and percentile among the networks under it).
 */
package dev.slimnas.optimizers.groundtruth;
