package dev.slimnas.supernet.search;

import dev.slimnas.latency.LatencyModel;
import dev.slimnas.latency.LatencyModels;
import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.latency.diff.DifferentiableLatency;
import dev.slimnas.latency.diff.SpaceBlockTable;
import dev.slimnas.optimizers.budget.BudgetFill;
import dev.slimnas.optimizers.budget.LatencyTarget;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.io.RunFolderException;
import dev.slimnas.space.io.RunLock;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.DataSplits;
import dev.slimnas.supernet.data.FinalData;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.SearchData;
import dev.slimnas.supernet.data.Seeds;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.single.Supernets;
import dev.slimnas.supernet.train.GraphFiles;
import dev.slimnas.supernet.train.RunFolder;
import dev.slimnas.supernet.train.TrainConfig;
import dev.slimnas.supernet.train.TrainListener;
import dev.slimnas.supernet.train.TrainResult;
import dev.slimnas.supernet.train.Trainer;
import dev.slimnas.supernet.train.WriteBarrier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.slf4j.LoggerFactory;

/**
 * A whole single-path search in one run folder, resumable phase by phase:
 * <ol>
 *   <li>{@code supernet/}: the supernet of the (width-scaled) search space trained on the search split's
 *       training images with the {@link SearchHook} (warm-up, then the latency term), validated on the
 *       held-out images; a {@link Trainer} run folder, so it checkpoints atomically and resumes exactly.
 *       The per-step trace goes to {@code trace.jsonl} (and {@code trace.csv}).</li>
 *   <li>Read-out: the hard indicators of the final supernet, with a budget brought into
 *       {@code [BAND_LOWER, 1] x budget} by {@link BudgetFill} (deterministic, from the supernet's own margins,
 *       recomputed on resume), become {@code arch.json} (the search space at full width) and
 *       {@code deployment-arch.json} (the deployment space, e.g. 224x224), with the predicted latency on the
 *       device, the supernet's own read-out and the fill's moves in {@code search-result.json}.</li>
 *   <li>{@code final/} (only with {@link SearchConfig#finalTrainEpochs()} > 0): the found network trained from
 *       scratch on all 50,000 training images and evaluated on the test set; {@code final/model.zip} is the
 *       exported DL4J network.</li>
 * </ol>
 * The test set is used only by phase 3. Every artifact gets a provenance record.
 */
public final class SinglePathSearch {
  /** A budgeted search's result lands in {@code [BAND_LOWER, 1] x budget} (the fill says so when it cannot). */
  public static final double BAND_LOWER = 0.95;

  private static final Consumer<String> NOTICES = LoggerFactory.getLogger(SinglePathSearch.class)::warn;
  private final SearchConfig config;
  private final Supplier<DataSplits> data;
  private final Path dir;
  private final Supplier<TrainListener> progress;
  private final WriteBarrier barrier;
  private final SpaceBlockTable costTable;
  private final Supplier<SearchData> searchData;

  private SinglePathSearch(SearchConfig config, Supplier<DataSplits> data, Path dir, Supplier<TrainListener> progress,
      WriteBarrier barrier, SpaceBlockTable costTable, Supplier<SearchData> searchData) {
    this.config = Objects.requireNonNull(config, "config");
    if (data == null && searchData == null) {
      throw new NullPointerException("data");
    }
    this.data = data;
    this.dir = Objects.requireNonNull(dir, "dir");
    this.progress = progress;
    this.barrier = Objects.requireNonNull(barrier, "barrier");
    this.costTable = costTable;
    this.searchData = searchData;
  }

  /**
   * @param data the data splits, loaded on first use
   * @param progress a fresh listener per training phase (progress bar, logging), or null
   */
  public static SinglePathSearch of(SearchConfig config, Supplier<DataSplits> data, Path runDir,
      Supplier<TrainListener> progress) {
    return new SinglePathSearch(config, data, runDir, progress, WriteBarrier.NONE, null, null);
  }

  /**
   * A search on {@code data} (train and validation images, e.g. the subsets another experiment trains on;
   * the config's {@code trainImages} / {@code validationImages} still subset them, 0 = all). Without the test
   * set, so {@code finalTrainEpochs} must be 0.
   */
  public static SinglePathSearch onSearchData(SearchConfig config, Supplier<SearchData> data, Path runDir,
      Supplier<TrainListener> progress) {
    if (config.finalTrainEpochs() > 0) {
      throw new IllegalArgumentException("a search on search data only has no test set: finalTrainEpochs must be 0, got "
          + config.finalTrainEpochs());
    }
    return new SinglePathSearch(config, null, runDir, progress, WriteBarrier.NONE, null, Objects.requireNonNull(data, "data"));
  }

  /** This search with {@code barrier} called at each write boundary of its checkpoints (fault-injection tests). */
  public SinglePathSearch withWriteBarrier(WriteBarrier barrier) {
    return new SinglePathSearch(config, data, dir, progress, barrier, costTable, searchData);
  }

  /**
   * This search with its cost term (and budget, fill and reported cost) priced by {@code table} instead of
   * the config's device, e.g. {@link SpaceBlockTable#ofCost} of an experiment's own cost function (MACs);
   * the config's {@code device} is then only its name. Resume it with the same table.
   */
  public SinglePathSearch withCostTable(SpaceBlockTable table) {
    return new SinglePathSearch(config, data, dir, progress, barrier, Objects.requireNonNull(table, "table"), searchData);
  }

  public Path searchConfigFile() {
    return dir.resolve("search.json");
  }

  public Path resultFile() {
    return dir.resolve("search-result.json");
  }

  public Path traceFile() {
    return dir.resolve("trace.jsonl");
  }

  public RunFolder supernetFolder() {
    return new RunFolder(dir.resolve("supernet"));
  }

  public RunFolder finalFolder() {
    return new RunFolder(dir.resolve("final"));
  }

  /** The search space the supernet is built from (the config's space at its width multiplier). */
  public SearchSpace supernetSpace() {
    return SearchSpaces.get(config.space(), config.widthMultiplier());
  }

  /** The differentiable latency of the deployment space on the config's device. */
  public static SpaceBlockTable latencyTable(SearchConfig config) {
    SearchSpace deployment = SearchSpaces.get(config.deploymentSpace());
    Readout.check(SearchSpaces.get(config.space()), deployment);
    LatencyModel model = LatencyModels.get(config.device());
    if (config.target() instanceof LatencyTarget.Budget b && !model.profile().isLatency()) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "device '%s' predicts %s, not milliseconds: a latency budget (%.1f ms) needs a device whose model predicts ms"
              + " (see 'slimnas latency devices'), or a fixed lambda", config.device(), model.profile().unit(), b.budgetMs()));
    }
    return SpaceBlockTable.of(model, deployment);
  }

  /** Starts a new search; the folder must not hold one (use {@link #resume}). Locks the folder while it runs. */
  public SearchResult run() {
    if (Files.exists(searchConfigFile())) {
      throw new RunFolderException(dir + " already holds a search (search.json exists): continue it with --resume or"
          + " choose another folder (--out)");
    }
    SpaceBlockTable table = costTable != null ? costTable : latencyTable(config);
    try (RunLock lock = RunLock.acquire(dir, "SinglePathSearch", NOTICES)) {
      if (Files.exists(searchConfigFile())) {
        throw new RunFolderException(dir + " already holds a search (search.json exists): continue it with --resume or"
            + " choose another folder (--out)");
      }
      config.write(searchConfigFile());
      return phases(table);
    }
  }

  /** Continues the search in the folder after an interruption (whatever phase it stopped in). */
  public SearchResult resume() {
    try (RunLock lock = RunLock.acquire(dir, "SinglePathSearch", NOTICES)) {
      if (!Files.exists(searchConfigFile())) {
        throw new RunFolderException(dir + " holds no search to resume (" + searchConfigFile() + " is missing):"
            + " start a new search (without --resume)");
      }
      String fp = SearchConfig.read(searchConfigFile()).fingerprint();
      if (!fp.equals(config.fingerprint())) {
        throw new IllegalArgumentException(searchConfigFile() + " differs from the config given to resume it (fingerprints "
            + fp + " and " + config.fingerprint() + ")");
      }
      return phases(costTable != null ? costTable : latencyTable(config));
    }
  }

  private SearchResult phases(SpaceBlockTable table) {
    DifferentiableLatency latency = table.differentiable();
    TrainResult supernet = trainSupernet(latency);
    new SearchTrace(traceFile()).writeCsv(dir.resolve("trace.csv"));
    SearchResult result = readOut(table, latency, supernet);
    result.write(resultFile());
    provenance(resultFile(), "search-result", Map.of());
    if (config.finalTrainEpochs() > 0) {
      trainFinal(SpecFiles.readArch(dir.resolve(result.architecture())));
    }
    return result;
  }

  private TrainResult trainSupernet(DifferentiableLatency latency) {
    DataSplits splits = searchData == null ? data.get() : null;
    SearchData s = splits != null ? splits.search() : searchData.get();
    long seed = config.weights().seed();
    ImageDataset train = s.train().randomSubset(config.trainImages(), Seeds.derive(seed, "search-train-subset"));
    ImageDataset validation = s.validation().randomSubset(config.validationImages(), Seeds.derive(seed, "search-validation-subset"));
    SearchSpace space = supernetSpace();
    BatchSource batches = Trainer.trainingBatches(train, s.normalization(), config.weights());
    Supernets.BlockSettings blockSettings = new Supernets.BlockSettings(0, 1,
        thresholdUpdater(config, (long) config.warmupEpochs() * batches.batchesPerEpoch()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("search", config.fingerprint());
    details.put("space", space.name());
    details.put("trainImages", train.size());
    details.put("validationImages", validation.size());
    details.put("data", splits != null ? splits.describe() : Map.of("train", s.train().source(), "validation",
        s.validation().source(), "normalization", s.normalization().toMap()));
    Trainer.Builder b = Trainer.builder(config.weights(), st -> Supernets.build(space, st, blockSettings), batches,
            supernetFolder().dir())
        .evaluation(BatchSource.evaluation(validation, 250, s.normalization()))
        .stepHook(new SearchHook(config, space, latency, new SearchTrace(traceFile())))
        .provenance(config.fingerprint(), details)
        .writeBarrier(barrier);
    if (progress != null) {
      b.listener(progress.get());
    }
    return b.build().complete();
  }

  /** The thresholds' own updater: learning rate 0 before {@code warmupSteps}, then constant; null without one. */
  static IUpdater thresholdUpdater(SearchConfig config, long warmupSteps) {
    if (!(config.thresholds() instanceof ThresholdTraining.Own own)) {
      return null;
    }
    double rate = own.optimizer().lr();
    Map<Integer, Double> lr = new java.util.HashMap<>();
    lr.put(0, warmupSteps > 0 ? 0.0 : rate);
    if (warmupSteps > 0) {
      lr.put(Math.toIntExact(warmupSteps), rate);
    }
    return own.optimizer().updater(new MapSchedule(ScheduleType.ITERATION, lr));
  }

  private SearchResult readOut(SpaceBlockTable table, DifferentiableLatency latency, TrainResult supernet) {
    ComputationGraph net = GraphFiles.read(supernetFolder().model(), false);
    SearchSpace space = supernetSpace();
    List<BlockIndicators> read = PathExport.indicators(net, space);
    double readMs = latency.evaluate(read).value();
    double budget = config.target() instanceof LatencyTarget.Budget bt ? bt.budgetMs() : 0;
    List<BlockIndicators> hard = read;
    SearchResult.Fill fill = new SearchResult.Fill(0, true, List.of(), List.of(), "fixed lambda: no budget to fill");
    if (budget > 0) {
      BudgetFill.Result f = BudgetFill.fit(SearchMargins.blocks(net, space), latency, budget, BAND_LOWER);
      hard = f.indicators();
      fill = new SearchResult.Fill(f.lowerFraction(), f.withinBand(), f.repairMoves(),
          f.fillMoves().stream().map(BudgetFill.Move::toString).toList(), f.note());
    }
    ArchSpec arch = Readout.architecture(SearchSpaces.get(config.space()), hard);
    ArchSpec deployment = Readout.architecture(SearchSpaces.get(config.deploymentSpace()), hard);
    double ms = latency.evaluate(hard).value();
    boolean seEstimated = false;
    List<String> ops = new ArrayList<>();
    List<String> supernetOps = new ArrayList<>();
    ArchSpec readArch = Readout.architecture(SearchSpaces.get(config.space()), read);
    for (int b = 0; b < hard.size(); b++) {
      BlockOp op = arch.ops().get(b);
      ops.add(op.code());
      supernetOps.add(readArch.ops().get(b).code());
      seEstimated |= !op.isSkip() && op.se() && table.seEstimated(b);
    }
    AtomicFiles.writeString(dir.resolve("arch.json"), SpecFiles.archJson(arch));
    AtomicFiles.writeString(dir.resolve("deployment-arch.json"), SpecFiles.archJson(deployment));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("predictedLatencyMs", ms);
    d.put("device", config.device());
    provenance(dir.resolve("arch.json"), "architecture", d);
    provenance(dir.resolve("deployment-arch.json"), "architecture", d);
    List<TraceStep> steps = new SearchTrace(traceFile()).steps();
    double lambda = steps.isEmpty() ? 0 : steps.get(steps.size() - 1).lambda();
    return new SearchResult(config.space(), config.deploymentSpace(), config.device(), ops, ms, seEstimated, budget, lambda,
        supernet.eval().accuracy(), supernet.steps(), supernet.seconds(), "arch.json", "deployment-arch.json", supernetOps,
        readMs, fill);
  }

  /** Trains the found network from scratch into {@code final/} (or returns the result already there). */
  private TrainResult trainFinal(ArchSpec arch) {
    TrainConfig c = finalTrainConfig(config);
    DataSplits splits = data.get();
    FinalData fd = splits.finalTraining();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("search", config.fingerprint());
    details.put("architecture", "arch.json of the search");
    details.put("data", splits.describe());
    Trainer.Builder b = Trainer.builder(c, st -> Networks.build(arch, st),
            Trainer.trainingBatches(fd.train(), fd.normalization(), c), finalFolder().dir())
        .evaluation(BatchSource.evaluation(fd.test(), 250, fd.normalization()))
        .provenance(Json.fingerprint(arch), details)
        .writeBarrier(barrier);
    if (progress != null) {
      b.listener(progress.get());
    }
    return b.build().complete();
  }

  /**
   * The training of the found network: the project's CIFAR defaults (SGD with Nesterov momentum 0.9 at
   * 0.1, cosine with a warm-up of a tenth of the run up to 1 epoch, label smoothing 0.1, weight decay
   * 5e-5, batch 128) for {@code finalTrainEpochs}, seeded with the search's seed.
   */
  public static TrainConfig finalTrainConfig(SearchConfig config) {
    return TrainConfig.cifarShort(config.finalTrainEpochs(), config.weights().seed());
  }

  private void provenance(Path artifact, String kind, Map<String, Object> details) {
    Map<String, Object> d = new LinkedHashMap<>(details);
    d.put("search", searchConfigFile().getFileName().toString());
    Provenance.of(artifact.getFileName().toString(), kind, config.weights().seed(), config.fingerprint(), d)
        .writeBeside(artifact);
  }
}
