package dev.slimnas.optimizers.nsga;

import dev.slimnas.optimizers.budget.EncodingRepair;
import dev.slimnas.optimizers.objective.AccuracyEvaluator;
import dev.slimnas.optimizers.objective.CachingEvaluator;
import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.optimizers.pareto.NonDominatedSorting;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import io.jenetics.DoubleGene;
import io.jenetics.Phenotype;
import io.jenetics.engine.Constraint;
import io.jenetics.engine.Engine;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Multi-objective architecture search with NSGA-II (Deb et al., 2002) on Jenetics 7.2: block ops and
 * width multipliers as genes ({@link ArchCodec}), objectives accuracy (expensive, cached per network)
 * and predicted latency, plus optional extra costs (MACs, parameters); the engine is {@link NsgaEngines}'s: survivors chosen by
 * {@code NSGA2Selector} (non-dominated rank, then crowding distance), parents by binary tournament.
 *
 * <p>A latency budget is a constraint handled by {@link EncodingRepair}: every decoded genotype is
 * repaired before evaluation, and a Jenetics {@link Constraint} writes the repaired encoding back into
 * the genotype, so the population only holds feasible networks and nothing loops on rejection.
 *
 * <p>The initial population starts with the smallest network and uniform-width networks (see
 * {@link #seeds()}), so the front covers the cost range from the first generation.
 *
 * <p>Reproducible: the engine runs on the calling thread and all randomness comes from one
 * {@link SplittableRandom} seeded by {@link #run(long)}'s seed, given to Jenetics through
 * {@link RandomRegistry#with}. The search keeps a cache of accuracies across runs; not thread-safe.
 */
public final class NsgaSearch {
  /** Number of uniform-width seeds of the initial population. */
  public static final int SEED_WIDTHS = 4;

  private final SearchSpace space;
  private final CachingEvaluator accuracy;
  private final ToDoubleFunction<ArchEncoding> latency;
  private final List<String> extraNames;
  private final List<ToDoubleFunction<ArchEncoding>> extras;
  private final EncodingRepair repair;
  private final int populationSize;
  private final int generations;
  private final double crossoverProbability;
  private final double mutationProbability;
  private final List<Consumer<NsgaGeneration>> listeners;
  private final ArchCodec codec;

  private NsgaSearch(Builder b) {
    this.space = b.space;
    this.accuracy = new CachingEvaluator(b.space, b.evaluator);
    this.latency = b.latency;
    this.extraNames = List.copyOf(b.extraNames);
    this.extras = List.copyOf(b.extras);
    this.repair = Double.isNaN(b.budget) ? null : EncodingRepair.of(b.space, b.latency, b.budget);
    this.populationSize = b.populationSize;
    this.generations = b.generations;
    this.crossoverProbability = b.crossoverProbability;
    this.mutationProbability = b.mutationProbability;
    this.listeners = List.copyOf(b.listeners);
    this.codec = new ArchCodec(b.space);
    if (repair != null) {
      repair.repair(space.encode(space.min())); // fails early, naming the budget, when even the smallest is over
    }
  }

  /**
   * A builder with the required inputs.
   *
   * @param evaluator accuracy in [0, 1] of a network (the supernet path with recalibrated BN, say)
   * @param latency predicted latency of an encoding (see {@code CostFunctions.latency})
   */
  public static Builder builder(SearchSpace space, AccuracyEvaluator evaluator, ToDoubleFunction<ArchEncoding> latency) {
    return new Builder(space, evaluator, latency);
  }

  /** Objective names, all minimised: error, latency, then the extras in the order they were added. */
  public List<String> objectives() {
    List<String> names = new ArrayList<>(List.of("error", "latency"));
    names.addAll(extraNames);
    return List.copyOf(names);
  }

  /** Runs the search; the same seed gives the same result. */
  public NsgaResult run(long seed) {
    Map<ArchEncoding, Candidate> seen = new LinkedHashMap<>();
    Engine<DoubleGene, Vec<double[]>> engine = NsgaEngines.engine((ArchEncoding e) -> fitness(e, seen),
        codec.codec().map(this::feasible), constraint(),
        new NsgaSettings(populationSize, crossoverProbability, mutationProbability));
    RandomRegistry.with(new SplittableRandom(seed), r -> {
      engine.stream(seeds()).limit(generations).forEach(res -> {
        NsgaGeneration g = new NsgaGeneration(res.generation(), seen.size(),
            NonDominatedSorting.front(List.copyOf(seen.values())).size());
        listeners.forEach(l -> l.accept(g));
      });
      return null;
    });
    List<Candidate> all = List.copyOf(seen.values());
    return new NsgaResult(space.name(), seed, objectives(), NonDominatedSorting.front(all), all, all.size());
  }

  /**
   * Random search with the same objectives, repair and cache: uniformly sampled architectures, repaired,
   * until {@code evaluations} distinct networks are evaluated or {@code 20 * evaluations} samples drawn.
   */
  public NsgaResult randomSearch(int evaluations, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Map<ArchEncoding, Candidate> seen = new LinkedHashMap<>();
    for (int i = 0; i < 20 * evaluations && seen.size() < evaluations; i++) {
      fitness(feasible(space.encode(space.sampleUniform(rng))), seen);
    }
    List<Candidate> all = List.copyOf(seen.values());
    return new NsgaResult(space.name(), seed, objectives(), NonDominatedSorting.front(all), all, all.size());
  }

  /**
   * The first members of the initial population, spread over the cost range: the smallest network, and
   * the largest ops at uniform widths from the minimum to the maximum in {@value #SEED_WIDTHS} steps
   * (repaired to the budget, duplicates dropped); the rest of the population is drawn at random.
   */
  List<io.jenetics.Genotype<DoubleGene>> seeds() {
    java.util.Set<ArchEncoding> out = new java.util.LinkedHashSet<>();
    out.add(feasible(space.encode(space.min())));
    ArchEncoding max = space.encode(space.max());
    double lo = space.widths().min();
    double hi = space.widths().max();
    for (int k = 0; k < SEED_WIDTHS; k++) {
      double m = lo + k * (hi - lo) / (SEED_WIDTHS - 1);
      double[] w = new double[max.widths().length()];
      java.util.Arrays.fill(w, m);
      out.add(feasible(ArchEncoding.of(max.ops().toArray(), w)));
    }
    return out.stream().limit(populationSize / 2).map(codec::encode).toList();
  }

  /** The canonical, budget-feasible version of {@code e}. */
  ArchEncoding feasible(ArchEncoding e) {
    ArchEncoding c = accuracy.canonical(e);
    if (repair == null) {
      return c;
    }
    ArchEncoding r = repair.repair(c).encoding();
    return r == c ? c : accuracy.canonical(r);
  }

  private Vec<double[]> fitness(ArchEncoding e, Map<ArchEncoding, Candidate> seen) {
    Candidate c = seen.computeIfAbsent(e, this::evaluate);
    double[] v = new double[c.dimension()];
    for (int i = 0; i < v.length; i++) {
      v[i] = -c.objective(i); // Jenetics maximises: negate the minimised objectives
    }
    return Vec.of(v);
  }

  private Candidate evaluate(ArchEncoding e) {
    double[] obj = new double[2 + extras.size()];
    obj[0] = 1 - accuracy.accuracy(e);
    obj[1] = latency.applyAsDouble(e);
    for (int i = 0; i < extras.size(); i++) {
      obj[2 + i] = extras.get(i).applyAsDouble(e);
    }
    return Candidate.of(e, obj);
  }

  private Constraint<DoubleGene, Vec<double[]>> constraint() {
    return Constraint.of(
        p -> repair == null || latency.applyAsDouble(codec.decode(p.genotype())) <= repair.budget(),
        (Phenotype<DoubleGene, Vec<double[]>> p, Long gen) ->
            Phenotype.of(codec.encode(feasible(codec.decode(p.genotype()))), gen));
  }

  /** Builds an {@link NsgaSearch}; defaults: population 32, 20 generations, crossover 0.5, mutation 0.1, no budget. */
  public static final class Builder {
    private final SearchSpace space;
    private final AccuracyEvaluator evaluator;
    private final ToDoubleFunction<ArchEncoding> latency;
    private final List<String> extraNames = new ArrayList<>();
    private final List<ToDoubleFunction<ArchEncoding>> extras = new ArrayList<>();
    private final List<Consumer<NsgaGeneration>> listeners = new ArrayList<>();
    private double budget = Double.NaN;
    private int populationSize = 32;
    private int generations = 20;
    private double crossoverProbability = 0.5;
    private double mutationProbability = 0.1;

    private Builder(SearchSpace space, AccuracyEvaluator evaluator, ToDoubleFunction<ArchEncoding> latency) {
      this.space = Objects.requireNonNull(space, "space");
      this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
      this.latency = Objects.requireNonNull(latency, "latency");
    }

    /** Another minimised objective, e.g. {@code objective("macs", CostFunctions.macs(space))}. */
    public Builder objective(String name, ToDoubleFunction<ArchEncoding> cost) {
      Objects.requireNonNull(name, "name");
      if (name.equals("error") || name.equals("latency") || extraNames.contains(name)) {
        throw new IllegalArgumentException("objective '" + name + "' is already defined");
      }
      extraNames.add(name);
      extras.add(Objects.requireNonNull(cost, "cost"));
      return this;
    }

    /** Every evaluated network must have latency {@code <= budget} (repaired, never rejected). */
    public Builder latencyBudget(double budget) {
      if (!(budget > 0) || Double.isInfinite(budget)) {
        throw new IllegalArgumentException("latency budget must be finite and > 0, got " + budget);
      }
      this.budget = budget;
      return this;
    }

    public Builder populationSize(int n) {
      if (n < 4) {
        throw new IllegalArgumentException("populationSize must be >= 4, got " + n);
      }
      this.populationSize = n;
      return this;
    }

    public Builder generations(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("generations must be >= 1, got " + n);
      }
      this.generations = n;
      return this;
    }

    public Builder crossoverProbability(double p) {
      this.crossoverProbability = probability("crossoverProbability", p);
      return this;
    }

    public Builder mutationProbability(double p) {
      this.mutationProbability = probability("mutationProbability", p);
      return this;
    }

    /** Called after every generation (progress, logging, early-stopping decisions outside the loop). */
    public Builder listener(Consumer<NsgaGeneration> l) {
      listeners.add(Objects.requireNonNull(l, "listener"));
      return this;
    }

    public NsgaSearch build() {
      return new NsgaSearch(this);
    }

    private static double probability(String name, double p) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException(name + " must be in [0, 1], got " + p);
      }
      return p;
    }
  }
}
