/**
 * {@code slimnas benchmark list|run}: the project's optimizers against tabular benchmarks (the library is
 * {@code dev.slimnas.optimizers.tabular}); run folders with report.json, anytime.csv/png and table.md.
 */
package dev.slimnas.cli.benchmark;
