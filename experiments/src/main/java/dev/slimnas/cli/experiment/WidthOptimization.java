package dev.slimnas.cli.experiment;

import dev.slimnas.optimizers.greedy.GreedyResult;
import dev.slimnas.optimizers.greedy.GreedySlimming;
import dev.slimnas.optimizers.joslim.GpProposal;
import dev.slimnas.optimizers.joslim.JoslimSampler;
import dev.slimnas.optimizers.joslim.TargetCost;
import dev.slimnas.optimizers.joslim.WidthArchive;
import dev.slimnas.optimizers.joslim.WidthDomain;
import dev.slimnas.optimizers.nsga.NsgaResult;
import dev.slimnas.optimizers.nsga.NsgaSearch;
import dev.slimnas.optimizers.objective.CostFunctions;
import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.Normalization;
import dev.slimnas.supernet.data.SearchData;
import dev.slimnas.supernet.data.Seeds;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.slim.JoslimHook;
import dev.slimnas.supernet.slim.SandwichStep;
import dev.slimnas.supernet.slim.SlimmableFamily;
import dev.slimnas.supernet.slim.SubnetCache;
import dev.slimnas.supernet.slim.SubnetEvaluator;
import dev.slimnas.supernet.slim.UniformWidthSampler;
import dev.slimnas.supernet.train.GraphFiles;
import dev.slimnas.supernet.train.RunFolder;
import dev.slimnas.supernet.train.TrainConfig;
import dev.slimnas.supernet.train.TrainListener;
import dev.slimnas.supernet.train.TrainResult;
import dev.slimnas.supernet.train.Trainer;
import dev.slimnas.transfer.io.TransferFiles;
import dev.slimnas.transfer.overhead.Schedule;
import dev.slimnas.transfer.proxy.Proxies;
import dev.slimnas.transfer.proxy.ProxyResult;
import dev.slimnas.transfer.proxy.ProxySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.zip.CRC32;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Width optimisation of one network (a proxy, or the target itself) under a MACs budget, the first half of
 * width transfer: slimmable training of the network's shared weights (sandwich rule with uniform widths, or
 * Joslim), then a width optimiser picks the per-layer widths with the lowest validation error whose MACs are
 * within {@code costFraction} of the network's full-width MACs. Every candidate is BN-recalibrated before it
 * is evaluated. Resumable: the training resumes from its checkpoint and a finished optimisation is read
 * back from its {@code proxy-result.json}.
 */
public final class WidthOptimization {

  /** The width optimisers. */
  public enum Optimizer {
    /** NSGA-II over per-layer widths (Jenetics), budget repaired, on uniform-slimmable weights. */
    NSGA("nsga2-widths"),
    /** AutoSlim-style greedy slimming on uniform-slimmable weights. */
    GREEDY("greedy-slim"),
    /** Joslim training; its archive's configurations within the budget, validated. */
    JOSLIM("joslim");

    private final String code;

    Optimizer(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    /** {@code nsga}, {@code greedy} or {@code joslim}. */
    public static Optimizer parse(String s) {
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "nsga", "nsga2", "nsga2-widths" -> NSGA;
        case "greedy", "greedy-slim", "autoslim" -> GREEDY;
        case "joslim" -> JOSLIM;
        default -> throw new IllegalArgumentException("unknown width optimizer '" + s + "' (nsga, greedy or joslim)");
      };
    }
  }

  /**
   * How much optimisation to run.
   *
   * @param images training images of the slimmable training (before the proxy's image fraction)
   * @param epochs epochs of the slimmable training
   * @param perStep sampled sub-networks per sandwich step besides full and smallest
   * @param costFraction the budget: MACs at most this fraction of the network's full-width MACs
   * @param calibrationBatches training batches of 128 for BN recalibration
   * @param population NSGA-II population
   * @param generations NSGA-II generations
   * @param greedyStep multiplier decrement per greedy move
   * @param maxEvaluations cap on the greedy optimiser's evaluations
   * @param tau Joslim refresh interval in steps
   * @param proposals Joslim proposals per refresh
   */
  public record Settings(int images, int epochs, int perStep, double costFraction, int calibrationBatches, int population,
      int generations, double greedyStep, int maxEvaluations, int tau, int proposals) {
    public Settings {
      if (!(costFraction > 0 && costFraction <= 1)) {
        throw new IllegalArgumentException("cost fraction must be in (0, 1], got " + costFraction);
      }
    }
  }

  /**
   * The networks and data of one optimisation.
   *
   * @param space the network's space (a proxy space or the target's), widths searchable
   * @param op op index every block takes
   * @param proxy how the network was made from the target (identity for the target itself)
   * @param train training images at the network's resolution (the image fraction already applied)
   * @param validation validation images at the network's resolution
   */
  public record Subject(SearchSpace space, int op, ProxySpec proxy, ImageDataset train, ImageDataset validation,
      Normalization normalization) {

    /**
     * The proxy {@code proxy} of {@code target} with its data: {@code images} seeded training images of the
     * search split, of which the proxy keeps its image fraction, and {@code valImages} validation images, both
     * downscaled to the proxy's resolution (which must divide the target's).
     */
    public static Subject of(SearchSpace target, ProxySpec proxy, int op, Supplier<SearchData> data, int images, int valImages,
        long seed) {
      SearchSpace space = proxySpace(target, proxy);
      int factor = target.input().resolution() / space.input().resolution();
      SearchData d = data.get();
      ImageDataset all = d.train().randomSubset(images, Seeds.derive(seed, "opt-subset"));
      ImageDataset train = all.randomSubset((int) proxy.images(all.size()), Seeds.derive(seed, "proxy-images")).downscaled(factor);
      ImageDataset val = d.validation().randomSubset(valImages, Seeds.derive(seed, "val-subset")).downscaled(factor);
      return new Subject(space, op, proxy, train, val, d.normalization());
    }

    /**
     * Checks before any work that the proxy's share of {@code images} fills at least one training batch
     * (a lower-resolution proxy with a quarter of the images trains on {@code images / 4}).
     */
    public static void checkImages(ProxySpec proxy, int images) {
      int batch = TrainConfig.cifarDefaults().batchSize();
      long n = proxy.images(images);
      if (n < batch) {
        throw new IllegalArgumentException("the proxy trains on " + n + " images (" + images + " x image fraction "
            + proxy.imageFraction() + "), fewer than one batch of " + batch + "; give more images");
      }
    }

    /** The proxy's space; its resolution must divide the target's (images are downscaled by an integer factor). */
    public static SearchSpace proxySpace(SearchSpace target, ProxySpec proxy) {
      SearchSpace space = Proxies.of(target, proxy);
      int t = target.input().resolution();
      int r = space.input().resolution();
      if (t % r != 0) {
        throw new IllegalArgumentException("proxy resolution " + r + " must divide the target's " + t
            + " (images are downscaled by an integer factor)");
      }
      return space;
    }
  }
  /**
   * What an optimisation cost, measured ({@code width-optimization.json}, schema {@value #SCHEMA}).
   *
   * @param trainingSeconds wall time of the slimmable training over all sessions
   * @param searchSeconds wall time of the width optimiser's evaluations (including BN recalibration)
   * @param evaluations networks the optimiser evaluated
   * @param inputs fingerprint of everything that determines the result (space, proxy, data sizes, optimiser,
   *     settings, seed): a folder holding another optimisation is refused, not silently reused
   */
  public record Record(double trainingSeconds, double searchSeconds, int evaluations, double budgetMacs, long optimizedMacs,
      String inputs) {
    public double seconds() {
      return trainingSeconds + searchSeconds;
    }
  }

  /** What an optimisation produced. */
  public record Outcome(ProxyResult result, Record record) {}

  public static final String SCHEMA = "slimnas.width-optimization";

  private WidthOptimization() {}

  /** Runs (or reads back) the optimisation of {@code subject} in {@code dir}. */
  public static Outcome run(Subject subject, Optimizer optimizer, Settings s, long seed, Path dir, TrainListener progress) {
    Path resultFile = dir.resolve("proxy-result.json");
    Path recordFile = dir.resolve("width-optimization.json");
    String inputs = inputs(subject, optimizer, s, seed);
    if (Files.exists(resultFile) && Files.exists(recordFile)) {
      Record done = Json.read(recordFile, SCHEMA, 1, Record.class);
      if (!done.inputs().equals(inputs)) {
        throw new IllegalArgumentException(dir + " holds a width optimisation with other inputs (space, proxy, data, "
            + "optimizer, settings or seed); choose another output folder or delete it");
      }
      return new Outcome(TransferFiles.readProxyResult(resultFile), done);
    }
    SlimmableFamily family = SlimmableFamily.uniformOps(subject.space(), subject.op());
    SearchSpace fixed = family.fixedOpsSpace();
    // NSGA-II works on the fixed-ops space's encodings, the width domain on the space's (with the family's ops)
    ToDoubleFunction<ArchEncoding> fixedMacs = CostFunctions.macs(fixed);
    ToDoubleFunction<ArchEncoding> macs = CostFunctions.macs(subject.space());
    double budget = s.costFraction() * CostModel.of(family.fullArch()).macs();
    NetSettings ns = NetSettings.defaults(seed);
    SubnetCache cache = new SubnetCache(ns, JoslimHook.ARCHIVE_CAP + 8);
    SubnetCache evalCache = new SubnetCache(ns, 2);
    BatchSource calib = BatchSource.evaluation(subject.train(), 128, subject.normalization());
    SubnetEvaluator onVal = new SubnetEvaluator(evalCache, calib, s.calibrationBatches(),
        BatchSource.evaluation(subject.validation(), 250, subject.normalization()), DataType.FLOAT);
    TrainConfig config = TrainConfig.cifarShort(s.epochs(), seed);
    BatchSource batches = Trainer.trainingBatches(subject.train(), subject.normalization(), config);
    RunFolder folder = new RunFolder(dir.resolve("slimmable"));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("proxy", subject.proxy().code());
    details.put("optimizer", optimizer.code());
    details.put("seed", seed);
    details.put("trainImages", subject.train().size());
    Trainer.Builder tb = Trainer.builder(config, n -> Networks.build(family.fullArch(), n), batches, folder.dir())
        .provenance(Json.fingerprint(family.fullArch()), details).listener(progress);
    Path joslimDir = folder.dir().resolve("joslim");
    if (optimizer == Optimizer.JOSLIM) {
      WidthDomain domain = WidthDomain.of(subject.space(), family.ops());
      JoslimSampler sampler = JoslimSampler.builder(domain, macs).proposal(GpProposal.defaults()).target(TargetCost.uniform()).build();
      JoslimHook hook = new JoslimHook(family, sampler, cache,
          BatchSource.evaluation(subject.validation(), 128, subject.normalization()).batch(0, 0),
          s.tau(), s.perStep(), s.proposals(), seed, joslimDir);
      tb.trainStep(new SandwichStep(family, hook, cache)).stepHook(hook);
    } else {
      tb.trainStep(new SandwichStep(family, new UniformWidthSampler(family, s.perStep(), seed), cache));
    }
    TrainResult trained = tb.build().complete();
    ComputationGraph net = GraphFiles.read(folder.model(), false);
    cache.clear();

    long searchStarted = System.nanoTime();
    Map<ArchEncoding, Double> errors = new HashMap<>();
    ToDoubleFunction<ArchEncoding> error = e -> errors.computeIfAbsent(e,
        k -> 1 - onVal.evaluate(net, family.arch(k.widths().toArray())).accuracy());
    ArchEncoding best = switch (optimizer) {
      case NSGA -> NsgaSearch.builder(fixed, e -> 1 - error.applyAsDouble(e), fixedMacs).latencyBudget(budget)
          .populationSize(s.population()).generations(s.generations()).build().run(seed).front().stream()
          .min(Comparator.comparingDouble((Candidate c) -> c.objective(NsgaResult.ERROR))).orElseThrow().encoding();
      case GREEDY -> {
        GreedyResult g = GreedySlimming.builder(WidthDomain.of(subject.space(), family.ops()), error, macs)
            .targetCost(budget).step(s.greedyStep()).maxEvaluations(s.maxEvaluations()).build().run();
        if (!g.targetReached()) {
          throw new IllegalArgumentException(String.format(Locale.ROOT, "greedy slimming stopped after %d evaluations"
              + " (--max-evaluations %d) at %.2f MMACs, above the budget of %.2f MMACs; raise --max-evaluations or"
              + " --greedy-step", g.evaluations(), s.maxEvaluations(), macs.applyAsDouble(g.finalEncoding()) / 1e6,
              budget / 1e6));
        }
        yield g.finalEncoding();
      }
      case JOSLIM -> {
        List<ArchEncoding> within = JoslimHook.latestArchive(joslimDir, family).entries().stream()
            .map(WidthArchive.Entry::encoding).filter(e -> macs.applyAsDouble(e) <= budget).distinct().toList();
        yield (within.isEmpty() ? List.of(family.encoding(family.smallest())) : within).stream()
            .min(Comparator.comparingDouble(error)).orElseThrow();
      }
    };
    int evaluations = errors.size();
    evalCache.clear();
    ArchSpec optimized = family.arch(best.widths().toArray()).withName(family.fullArch().name() + "-" + optimizer.code());
    ProxyResult result = new ProxyResult(subject.proxy(), family.fullArch(), optimized, optimizer.code(),
        new Schedule(subject.train().size(), s.epochs()));
    Record record = new Record(trained.seconds(), (System.nanoTime() - searchStarted) / 1e9, evaluations, budget,
        CostModel.of(optimized).macs(), inputs);
    TransferFiles.writeProxyResult(resultFile, result);
    Json.write(recordFile, SCHEMA, 1, record);
    return new Outcome(result, record);
  }

  /** Fingerprint of everything that determines an optimisation's result. */
  private static String inputs(Subject subject, Optimizer optimizer, Settings s, long seed) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("space", Json.fingerprint(subject.space()));
    in.put("proxy", subject.proxy().code());
    in.put("op", subject.op());
    in.put("train", content(subject.train()));
    in.put("validation", content(subject.validation()));
    in.put("optimizer", optimizer.code());
    in.put("settings", s);
    in.put("seed", seed);
    return Json.fingerprint(in);
  }

  /** The images' identity by content (shape, count, CRC-32 of labels and pixels), not by where they were read from. */
  private static String content(ImageDataset d) {
    CRC32 crc = new CRC32();
    crc.update(d.pixels());
    for (int label : d.labels()) {
      crc.update(label);
    }
    return d.size() + "x" + d.channels() + "x" + d.height() + "x" + d.width() + " crc " + Long.toHexString(crc.getValue());
  }
}
