/**
 * Benchmark runs on a table: {@link dev.slimnas.optimizers.tabular.report.TableBenchmark} runs optimizers
 * over seeded repeats and reports regret against the oracle, anytime curves, normalised hypervolume and
 * paired comparisons with a baseline (sign test, Wilcoxon signed-rank).
 */
package dev.slimnas.optimizers.tabular.report;
