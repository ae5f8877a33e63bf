/**
 * Pareto fronts: {@link dev.slimnas.optimizers.pareto.Candidate} (an encoding with minimised objectives),
 * non-dominated sorting, the two-objective (cost, loss) front with its area and gain-at-budget measures,
 * and versioned JSON / CSV files of a front.
 */
package dev.slimnas.optimizers.pareto;
