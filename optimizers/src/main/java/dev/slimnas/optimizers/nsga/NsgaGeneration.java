package dev.slimnas.optimizers.nsga;

/**
 * What one generation of an {@link NsgaSearch} run did, given to listeners.
 *
 * @param generation the generation number, from 1
 * @param evaluations distinct networks evaluated so far in the run
 * @param frontSize size of the non-dominated set of everything evaluated so far
 */
public record NsgaGeneration(long generation, int evaluations, int frontSize) {}
