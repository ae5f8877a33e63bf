package dev.slimnas.optimizers.tabular.search;

import java.util.Map;

/**
 * A search strategy over a tabular benchmark: given a problem and a seed, evaluates at most the budget of
 * distinct feasible architectures and returns them in order. The same seed gives the same trace.
 */
public sealed interface TableOptimizer
    permits TableNsga, TableEvolution, RegularizedEvolution, LocalSearch, RandomSearch {

  /** The name used on the command line and in reports ({@code nsga2}, {@code random}, ...). */
  String name();

  /** The settings that reproduce a run (population size, rates, ...), for reports. */
  Map<String, Object> parameters();

  /** Runs the search. */
  SearchTrace run(TableProblem problem, long seed);
}
