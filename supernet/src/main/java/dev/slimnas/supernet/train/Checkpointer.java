package dev.slimnas.supernet.train;

import dev.slimnas.space.io.Provenance;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Commits a checkpoint generation through the {@link CheckpointStore} (network with updater state, its
 * provenance record, the {@link TrainState} and the zip's SHA-256, then the pointer): every
 * {@code checkpointEverySteps} steps within an epoch and at the end of every epoch (the last epoch's
 * is the final checkpoint). Before writing it checks that parameters and updater state are finite;
 * if not it throws {@link TrainingDivergedException}, so a diverged state never replaces a good one.
 */
public final class Checkpointer implements TrainListener {
  private final String specFingerprint;
  private final Map<String, Object> details;
  private final WriteBarrier barrier;
  private String gitCommit;
  private Map<String, String> environment;
  private Map<String, Object> backend;
  private double lastLr;

  /** Checkpoints whose provenance names only the config. */
  public Checkpointer() {
    this(null, Map.of(), WriteBarrier.NONE);
  }

  /**
   * @param specFingerprint fingerprint of the architecture (null: the config's is used)
   * @param details extra provenance (data, command line)
   * @param barrier called at each write boundary of a checkpoint (fault-injection tests)
   */
  public Checkpointer(String specFingerprint, Map<String, Object> details, WriteBarrier barrier) {
    this.specFingerprint = specFingerprint;
    this.details = new LinkedHashMap<>(details);
    this.barrier = java.util.Objects.requireNonNull(barrier, "barrier");
  }

  @Override
  public void started(TrainRun run) {
    gitCommit = Provenance.captureGitCommit();
    environment = Provenance.captureEnvironment();
    backend = Nd4jSetup.describe();
  }

  @Override
  public void stepDone(StepResult step, TrainRun run) {
    lastLr = step.lr();
    int k = run.config().checkpointEverySteps();
    TrainState s = run.state();
    if (k > 0 && s.step() % k == 0 && s.nextBatch() < s.batchesPerEpoch()) {
      save(run);
    }
  }

  @Override
  public void epochDone(EpochResult epoch, TrainRun run) {
    save(run);
  }

  /** Writes the checkpoint of the current state. */
  void save(TrainRun run) {
    ComputationGraph g = run.graph();
    TrainState s = run.state();
    RunFolder f = run.folder();
    if (!finite(g)) {
      throw new TrainingDivergedException("parameters or updater state are not finite", s.step() - 1,
          s.nextBatch() == 0 ? s.epoch() - 1 : s.epoch(), lastLr, f.checkpointModel());
    }
    new CheckpointStore(f.checkpointDir(), barrier).write(g, s, zip -> provenance(zip, "checkpoint", run));
  }

  /** A provenance record for an artifact of {@code run} (git and environment captured at start). */
  Provenance provenance(Path artifact, String kind, TrainRun run) {
    TrainState s = run.state();
    Map<String, Object> d = new LinkedHashMap<>(details);
    d.put("configFingerprint", s.configFingerprint());
    d.put("epoch", s.epoch());
    d.put("nextBatch", s.nextBatch());
    d.put("step", s.step());
    d.put("backend", backend);
    return new Provenance(artifact.getFileName().toString(), kind, Instant.now().toString(), run.config().seed(),
        specFingerprint != null ? specFingerprint : s.configFingerprint(), gitCommit, environment, d);
  }

  /** True when the parameters and the updater state hold no NaN or infinity. */
  static boolean finite(ComputationGraph g) {
    if (notFinite(g.params())) {
      return false;
    }
    ComputationGraphUpdater u = g.getUpdater(false);
    return u == null || !notFinite(u.getStateViewArray());
  }

  private static boolean notFinite(INDArray a) {
    return a != null && a.length() > 0 && BooleanIndexing.or(a, Conditions.notFinite());
  }
}
