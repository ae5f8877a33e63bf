/**
 * Tabular NAS benchmarks as an input: the sidecar format ({@link dev.slimnas.optimizers.tabular.TableSidecar}),
 * the table in memory ({@link dev.slimnas.optimizers.tabular.BenchmarkTable}), the two importers (CSV and a
 * JSON object keyed by choice codes, as NAS-Bench-Macro ships it), checksummed loading and cost constraints.
 */
package dev.slimnas.optimizers.tabular;
