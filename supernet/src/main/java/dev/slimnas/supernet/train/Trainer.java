package dev.slimnas.supernet.train;

import dev.slimnas.space.io.RunFolderException;
import dev.slimnas.space.io.RunLock;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.Normalization;
import dev.slimnas.supernet.data.Seeds;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.IUpdater;
import org.slf4j.LoggerFactory;

/**
 * Trains a network into a run folder ({@link RunFolder}) and resumes an interrupted run exactly.
 *
 * <pre>{@code
 * TrainResult r = Trainer.builder(config, s -> Networks.build(arch, s), trainBatches, runDir)
 *     .evaluation(testBatches)
 *     .listener(new LoggingListener(50))
 *     .build()
 *     .train();              // or .resume() after an interruption
 * }</pre>
 *
 * <p>Every run gets a {@link MetricsLog} and a {@link Checkpointer} (the run-folder layout and resume
 * depend on them), then the builder's listeners in order. The network comes from the
 * {@link NetworkFactory} with {@link NetSettings} carrying the weight-init seed
 * {@code Seeds.derive(seed, "init")}, the updater of the config's optimizer following its
 * {@link LrCurve} (a {@link CurveSchedule}) and the config's weight decay.
 */
public final class Trainer {
  private final TrainConfig config;
  private final NetworkFactory factory;
  private final BatchSource train;
  private final BatchSource eval;
  private final RunFolder folder;
  private final NetSettings baseSettings;
  private final Checkpointer checkpointer;
  private final List<TrainListener> listeners;
  private final List<StepHook> hooks;
  private final TrainStep trainStep;
  private final Consumer<String> notices;

  private Trainer(Builder b) {
    this.config = b.config;
    this.factory = b.factory;
    this.train = b.train;
    this.eval = b.eval;
    this.folder = new RunFolder(b.runDir);
    this.baseSettings = b.baseSettings != null ? b.baseSettings : NetSettings.defaults(0);
    this.checkpointer = new Checkpointer(b.specFingerprint, b.details, b.barrier);
    this.notices = b.notices;
    List<TrainListener> all = new ArrayList<>(b.hooks);
    all.add(new MetricsLog(b.metricsEverySteps));
    all.add(checkpointer);
    all.addAll(b.listeners);
    this.listeners = List.copyOf(all);
    this.hooks = List.copyOf(b.hooks);
    this.trainStep = b.trainStep;
    if (train.batchSize() != config.batchSize()) {
      throw new IllegalArgumentException("training batches have size " + train.batchSize() + ", config batchSize is " + config.batchSize());
    }
  }

  /**
   * @param config the run's settings
   * @param factory builds the network from the trainer's {@link NetSettings}
   * @param train training batches (see {@link #trainingBatches})
   * @param runDir the run folder
   */
  public static Builder builder(TrainConfig config, NetworkFactory factory, BatchSource train, Path runDir) {
    return new Builder(config, factory, train, runDir);
  }

  /**
   * Training batches for {@code config}: shuffled, augmented, batch size from the config, seeded with
   * {@code Seeds.derive(config.seed(), "batches")}.
   */
  public static BatchSource trainingBatches(ImageDataset data, Normalization normalization, TrainConfig config) {
    return BatchSource.training(data, config.batchSize(), normalization, Seeds.derive(config.seed(), "batches"));
  }

  /** The settings handed to the network factory. */
  public NetSettings netSettings() {
    IUpdater updater = config.optimizer().updater(new CurveSchedule(LrCurve.of(config, train.batchesPerEpoch())));
    return new NetSettings(Seeds.derive(config.seed(), "init"), updater, config.weightDecay(), baseSettings.bnDecay(),
        baseSettings.dataType());
  }

  public RunFolder folder() {
    return folder;
  }

  /**
   * Starts a new run; the folder must not hold one already (use {@link #resume()}). The folder is locked
   * ({@link RunLock}) while the run lasts.
   */
  public TrainResult train() {
    try (RunLock lock = RunLock.acquire(folder.dir(), "Trainer", notices)) {
      Nd4jSetup.ensure();
      folder.requireNoRun();
      return start();
    }
  }

  private TrainResult start() {
    folder.checkpoints().clearUncommitted();
    NetSettings s = netSettings();
    ComputationGraph graph = factory.create(s);
    checkUsesUpdater(graph, s.updater());
    config.write(folder.config());
    return finish(new TrainingLoop(config, folder, graph, train, eval, listeners, hooks, trainStep,
        TrainState.start(train.batchesPerEpoch(), config.fingerprint()), false));
  }

  /**
   * Continues the run in the folder from its last committed checkpoint: network and updater state from
   * its {@code model.zip}, counters and epoch sums from its {@code state.json}, batches from the saved
   * position. A damaged checkpoint falls back to the one before (said to the notices); a run killed before
   * its first checkpoint was committed starts again from step 0 (said too). The folder's
   * {@code train.json} and the checkpoint must match this trainer's config.
   */
  public TrainResult resume() {
    try (RunLock lock = RunLock.acquire(folder.dir(), "Trainer", notices)) {
      Nd4jSetup.ensure();
      return resumeLocked();
    }
  }

  private TrainResult resumeLocked() {
    String fp = config.fingerprint();
    if (Files.exists(folder.config()) && !TrainConfig.read(folder.config()).fingerprint().equals(fp)) {
      throw new IllegalArgumentException(folder.config() + " differs from the config given to resume it (fingerprints "
          + TrainConfig.read(folder.config()).fingerprint() + " and " + fp + ")");
    }
    Optional<CheckpointStore.Loaded> loaded = folder.checkpoints().recover(notices);
    if (loaded.isEmpty()) {
      if (!Files.exists(folder.config()) || Files.exists(folder.result()) || Files.exists(folder.model())) {
        throw new RunFolderException(folder.dir() + " has no checkpoint to resume (" + folder.checkpoints().pointer()
            + " is missing): start a new run (without --resume)");
      }
      notices.accept(folder.dir() + ": no checkpoint was committed before the run stopped; starting it again from step 0");
      return start();
    }
    CheckpointStore.Loaded c = loaded.get();
    TrainState s = c.state();
    if (!s.configFingerprint().equals(fp)) {
      throw new IllegalArgumentException(c.model() + " was written with config " + s.configFingerprint()
          + ", resuming with " + fp);
    }
    if (s.batchesPerEpoch() != train.batchesPerEpoch()) {
      throw new IllegalArgumentException(c.model() + ": the run had " + s.batchesPerEpoch()
          + " batches per epoch, the training data now gives " + train.batchesPerEpoch());
    }
    ComputationGraph graph = GraphFiles.read(c.model(), true);
    return finish(new TrainingLoop(config, folder, graph, train, eval, listeners, hooks, trainStep, s, true));
  }

  /**
   * Brings the run in the folder to its end, whatever state it is in: its {@code result.json} when it has
   * finished, else {@link #resume()} from its checkpoint, else {@link #train()}.
   */
  public TrainResult complete() {
    try (RunLock lock = RunLock.acquire(folder.dir(), "Trainer", notices)) {
      if (Files.exists(folder.result())) {
        return folder.readResult();
      }
      return folder.hasCheckpoint() || Files.exists(folder.config()) ? resume() : train();
    }
  }

  private TrainResult finish(TrainingLoop loop) {
    TrainState end = loop.run();
    GraphFiles.write(loop.graph(), folder.model(), true);
    checkpointer.provenance(folder.model(), "model", loop).writeBeside(folder.model());
    TrainResult result = TrainResult.of(end, folder.model().getFileName().toString());
    folder.writeResult(result);
    for (TrainListener l : listeners) {
      l.finished(result, loop);
    }
    return result;
  }

  /** Fails when no trainable parameter of {@code graph} uses {@code updater} (the factory ignored the settings). */
  private static void checkUsesUpdater(ComputationGraph graph, IUpdater updater) {
    for (Layer l : graph.getLayers()) {
      for (String p : l.paramTable().keySet()) {
        if (updater.equals(l.conf().getLayer().getUpdaterByParam(p))) {
          return;
        }
      }
    }
    throw new IllegalArgumentException("the network factory ignored NetSettings.updater(): no parameter uses " + updater);
  }

  /** Settings of a {@link Trainer}. */
  public static final class Builder {
    private final TrainConfig config;
    private final NetworkFactory factory;
    private final BatchSource train;
    private final Path runDir;
    private BatchSource eval;
    private NetSettings baseSettings;
    private int metricsEverySteps = 10;
    private String specFingerprint;
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<TrainListener> listeners = new ArrayList<>();
    private final List<StepHook> hooks = new ArrayList<>();
    private TrainStep trainStep = TrainStep.FIT;
    private WriteBarrier barrier = WriteBarrier.NONE;
    private Consumer<String> notices = LoggerFactory.getLogger(Trainer.class)::warn;

    private Builder(TrainConfig config, NetworkFactory factory, BatchSource train, Path runDir) {
      this.config = Objects.requireNonNull(config, "config");
      this.factory = Objects.requireNonNull(factory, "factory");
      this.train = Objects.requireNonNull(train, "train");
      this.runDir = Objects.requireNonNull(runDir, "runDir");
    }

    /** Data evaluated after the epochs the config names (and always after the last). */
    public Builder evaluation(BatchSource evaluation) {
      this.eval = Objects.requireNonNull(evaluation, "evaluation");
      return this;
    }

    /** BN decay and data type of the network come from here (seed, updater, weight decay are the trainer's). */
    public Builder baseSettings(NetSettings settings) {
      this.baseSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Step lines in {@code metrics.jsonl} every this many steps (default 10; 0: epoch lines only). */
    public Builder metricsEverySteps(int k) {
      Checks.atLeast("metricsEverySteps", k, 0);
      this.metricsEverySteps = k;
      return this;
    }

    /** What the provenance records of checkpoints and the model name besides the config. */
    public Builder provenance(String specFingerprint, Map<String, Object> details) {
      this.specFingerprint = specFingerprint;
      this.details.putAll(details);
      return this;
    }

    /** Adds a listener, called after the metrics log and the checkpointer. */
    public Builder listener(TrainListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Adds a step hook: called before every fit, and as a listener before the metrics log and checkpointer. */
    public Builder stepHook(StepHook hook) {
      hooks.add(Objects.requireNonNull(hook, "hook"));
      return this;
    }

    /** Replaces DL4J's {@code fit} as the training step (e.g. slimmable training's sandwich rule). */
    public Builder trainStep(TrainStep step) {
      this.trainStep = Objects.requireNonNull(step, "step");
      return this;
    }

    /** Called at each write boundary of every checkpoint (fault-injection tests throw there). */
    public Builder writeBarrier(WriteBarrier barrier) {
      this.barrier = Objects.requireNonNull(barrier, "barrier");
      return this;
    }

    /**
     * Where one-line notices go: a checkpoint fallback, a restart from step 0, a stale lock taken over
     * (default: a warning of the {@code Trainer} logger, i.e. stderr).
     */
    public Builder notices(Consumer<String> notices) {
      this.notices = Objects.requireNonNull(notices, "notices");
      return this;
    }

    public Trainer build() {
      return new Trainer(this);
    }
  }
}
