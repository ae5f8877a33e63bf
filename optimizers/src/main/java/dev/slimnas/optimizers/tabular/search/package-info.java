/**
 * Search strategies on a tabular benchmark, every query a table look-up: NSGA-II with the project's
 * engine ({@link dev.slimnas.optimizers.tabular.search.TableNsga}), the evolutionary proposal
 * ({@link dev.slimnas.optimizers.tabular.search.TableEvolution}), regularized evolution, local search and
 * random search. An evaluation is one distinct feasible architecture whose objective was looked up.
 */
package dev.slimnas.optimizers.tabular.search;
