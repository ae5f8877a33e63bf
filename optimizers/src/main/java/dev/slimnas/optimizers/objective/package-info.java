/**
 * Objectives of the searches: the expensive accuracy (an evaluator interface other modules implement,
 * cached per network) and cheap costs of an encoding (predicted latency, MACs, parameters).
 */
package dev.slimnas.optimizers.objective;
