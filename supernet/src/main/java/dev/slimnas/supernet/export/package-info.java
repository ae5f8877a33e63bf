/**
 * Slimmable export: a self-contained bundle (shared weights, the Pareto set of width configurations with
 * accuracy, predicted latency per device and each configuration's recalibrated BN statistics,
 * provenance) and {@link dev.slimnas.supernet.export.SlimmableModel}, which loads one and returns the
 * stand-alone DL4J network of the best configuration under a latency budget.
 */
package dev.slimnas.supernet.export;
