/**
 * Rank agreement between a predictor of accuracy (e.g. a supernet's BN-recalibrated validation accuracy)
 * and ground truth (e.g. a tabular benchmark): Kendall's tau-b, Spearman's rho, percentile bootstrap
 * intervals over architectures.
 */
package dev.slimnas.optimizers.ranking;
