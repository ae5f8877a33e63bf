/**
 * NSGA-II architecture search on Jenetics 7.2 over block ops and width multipliers, with accuracy from an
 * evaluator, predicted latency, optional extra costs, and a latency budget enforced by repair.
 */
package dev.slimnas.optimizers.nsga;
