package dev.slimnas.optimizers.tabular.search;

import dev.slimnas.optimizers.nsga.NsgaEngines;
import dev.slimnas.optimizers.nsga.NsgaSettings;
import io.jenetics.DoubleChromosome;
import io.jenetics.DoubleGene;
import io.jenetics.Genotype;
import io.jenetics.Phenotype;
import io.jenetics.engine.Codec;
import io.jenetics.engine.Constraint;
import io.jenetics.engine.Engine;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * NSGA-II on a table with the project's engine ({@link NsgaEngines}, the configuration of
 * {@code NsgaSearch}): one double gene {@code u} in [0, 1) per position read as choice
 * {@code floor(u * k)} (as {@code NsgaSearch} encodes ops), objectives the score and the negated
 * trade-off cost, infeasible phenotypes repaired by {@link Moves#repair} (a bounded descent on the
 * constraint violation, then a uniform feasible draw) and written back into the genotype. Runs generation
 * after generation until the evaluation budget is spent (a new architecture met after that gets the worst
 * fitness and is not counted; the run ends with that generation) or after {@code 10 * budget}
 * generations. The best feasible architecture evaluated is the result.
 *
 * @param settings population, crossover and mutation probabilities
 */
public record TableNsga(NsgaSettings settings) implements TableOptimizer {
  public TableNsga {
    java.util.Objects.requireNonNull(settings, "settings");
  }

  /** Population 20 (the budgets here are ~100 evaluations), crossover 0.5, mutation 0.1 as {@code NsgaSearch}. */
  public static TableNsga defaults() {
    return new TableNsga(NsgaSettings.defaults().withPopulationSize(20));
  }

  @Override
  public String name() {
    return "nsga2";
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of("population", settings.populationSize(), "crossover", settings.crossoverProbability(),
        "mutation", settings.mutationProbability(), "objectives", "score, -trade-off cost", "constraint", "repair");
  }

  @Override
  public SearchTrace run(TableProblem problem, long seed) {
    TableQueries q = new TableQueries(problem);
    int n = problem.table().positions();
    int[] radix = new int[n];
    for (int i = 0; i < n; i++) {
      radix[i] = problem.table().cardinality(i);
    }
    double worstScore = Double.POSITIVE_INFINITY;
    double worstCost = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < problem.table().size(); r++) {
      worstScore = Math.min(worstScore, problem.score(r));
      worstCost = Math.max(worstCost, problem.cost(r));
    }
    Vec<double[]> worst = Vec.of(worstScore - 1, -worstCost - 1);
    Codec<int[], DoubleGene> codec = Codec.of(Genotype.of(DoubleChromosome.of(0, 1, n)), g -> decode(g, radix));
    Constraint<DoubleGene, Vec<double[]>> constraint = Constraint.of(
        p -> problem.feasible(decode(p.genotype(), radix)),
        (Phenotype<DoubleGene, Vec<double[]>> p, Long gen) -> Phenotype.of(
            encode(Moves.repair(problem, decode(p.genotype(), radix), RandomRegistry.random()), radix), gen));
    Engine<DoubleGene, Vec<double[]>> engine = NsgaEngines.engine((int[] x) -> {
      int[] f = problem.feasible(x) ? x : Moves.repair(problem, x, RandomRegistry.random());
      OptionalDouble s = q.score(f);
      return s.isEmpty() ? worst : Vec.of(s.getAsDouble(), -problem.cost(problem.table().row(f)));
    }, codec, constraint, settings);
    long maxGenerations = 10L * problem.budget();
    RandomRegistry.with(new SplittableRandom(seed), r -> {
      engine.stream().limit(maxGenerations).takeWhile(res -> !q.exhausted()).forEach(res -> { });
      return null;
    });
    return Moves.trace(name(), seed, q);
  }

  static int[] decode(Genotype<DoubleGene> g, int[] radix) {
    int[] x = new int[radix.length];
    for (int i = 0; i < radix.length; i++) {
      x[i] = Math.min(radix[i] - 1, (int) Math.floor(g.chromosome().get(i).doubleValue() * radix[i]));
    }
    return x;
  }

  /** A genotype that decodes to {@code x}: genes at the centre of their choice's interval. */
  static Genotype<DoubleGene> encode(int[] x, int[] radix) {
    List<DoubleGene> genes = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      genes.add(DoubleGene.of((x[i] + 0.5) / radix[i], 0, 1));
    }
    return Genotype.of(DoubleChromosome.of(genes));
  }
}
