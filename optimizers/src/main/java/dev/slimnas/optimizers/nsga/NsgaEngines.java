package dev.slimnas.optimizers.nsga;

import io.jenetics.DoubleGene;
import io.jenetics.GaussianMutator;
import io.jenetics.Mutator;
import io.jenetics.TournamentSelector;
import io.jenetics.UniformCrossover;
import io.jenetics.engine.Codec;
import io.jenetics.engine.Constraint;
import io.jenetics.engine.Engine;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.ext.moea.Vec;
import java.util.function.Function;

/**
 * The project's one NSGA-II configuration on Jenetics 7.2, shared by {@link NsgaSearch} (ops and widths
 * of a {@code SearchSpace}) and the tabular benchmark search (a categorical genotype): maximised
 * {@link Vec} fitness, parents by binary tournament, survivors by {@link NSGA2Selector} (non-dominated
 * rank, then crowding distance), uniform crossover, uniform and Gaussian mutation, a {@link Constraint}
 * that repairs infeasible phenotypes, and evaluation on the calling thread (reproducible under
 * {@code RandomRegistry.with}).
 */
public final class NsgaEngines {
  private NsgaEngines() {}

  /**
   * The engine for {@code fitness} over {@code codec}; Jenetics maximises, so minimised objectives must
   * be negated by {@code fitness}.
   */
  public static <T> Engine<DoubleGene, Vec<double[]>> engine(Function<T, Vec<double[]>> fitness,
      Codec<T, DoubleGene> codec, Constraint<DoubleGene, Vec<double[]>> constraint, NsgaSettings settings) {
    return Engine
        .builder(fitness, codec)
        .executor(Runnable::run)
        .populationSize(settings.populationSize())
        .maximizing()
        .offspringSelector(new TournamentSelector<>(2))
        .survivorsSelector(NSGA2Selector.ofVec())
        .alterers(new UniformCrossover<>(settings.crossoverProbability(), 0.5),
            new Mutator<>(settings.mutationProbability()),
            new GaussianMutator<>(settings.mutationProbability()))
        .constraint(constraint)
        .build();
  }
}
