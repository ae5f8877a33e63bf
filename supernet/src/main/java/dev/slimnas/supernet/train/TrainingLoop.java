package dev.slimnas.supernet.train;

import dev.slimnas.supernet.data.Batch;
import dev.slimnas.supernet.data.BatchIterator;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.Seeds;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The step loop: from a {@link TrainState} to the end of the last epoch, emitting {@link StepResult}s
 * and {@link EpochResult}s to the listeners. The loop's only own decisions are the divergence guard
 * (a non-finite loss throws {@link TrainingDivergedException} before any listener sees the step) and
 * the evaluation after the epochs {@link TrainConfig#evaluatesAfter} names.
 *
 * <p>Determinism: the batches are a pure function of (seed, epoch, index); DL4J's dropout draws from
 * ND4J's global random generator, so it is reseeded with {@code Seeds.derive(seed, "step", step)}
 * before every {@code fit}. A run resumed at any step therefore sees the same numbers.
 */
final class TrainingLoop implements TrainRun {
  private final TrainConfig config;
  private final RunFolder folder;
  private final ComputationGraph graph;
  private final BatchSource train;
  private final BatchSource eval;
  private final List<TrainListener> listeners;
  private final List<StepHook> hooks;
  private final TrainStep trainStep;
  private final LrCurve curve;
  private final boolean resumed;
  private TrainState state;

  TrainingLoop(TrainConfig config, RunFolder folder, ComputationGraph graph, BatchSource train, BatchSource eval,
      List<TrainListener> listeners, List<StepHook> hooks, TrainStep trainStep, TrainState start, boolean resumed) {
    this.config = config;
    this.folder = folder;
    this.graph = graph;
    this.train = train;
    this.eval = eval;
    this.listeners = List.copyOf(listeners);
    this.hooks = List.copyOf(hooks);
    this.trainStep = trainStep;
    this.curve = LrCurve.of(config, train.batchesPerEpoch());
    this.state = start;
    this.resumed = resumed;
  }

  @Override
  public TrainConfig config() {
    return config;
  }

  @Override
  public RunFolder folder() {
    return folder;
  }

  @Override
  public ComputationGraph graph() {
    return graph;
  }

  @Override
  public TrainState state() {
    return state;
  }

  @Override
  public boolean resumed() {
    return resumed;
  }

  /** Trains to the end; returns the final state. */
  TrainState run() {
    Classifier probe = Classifier.of(graph);
    List<TrainingListener> before = new ArrayList<>(graph.getListeners());
    List<TrainingListener> with = new ArrayList<>(before);
    with.add(probe);
    graph.setListeners(with);
    try {
      loop(probe);
    } finally {
      graph.setListeners(before);
    }
    return state;
  }

  private void loop(Classifier probe) {
    long sessionStart = System.nanoTime();
    double secondsBefore = state.seconds();
    int perEpoch = train.batchesPerEpoch();
    DataType dataType = graph.getConfiguration().getDataType();
    for (TrainListener l : listeners) {
      l.started(this);
    }
    try (BatchIterator it = new BatchIterator(train, state.epoch(), state.nextBatch(), config.epochs(), BatchIterator.DEFAULT_PREFETCH)) {
      EpochTotals totals = state.current();
      long t0 = System.nanoTime();
      while (it.hasNext()) {
        Batch b = it.next();
        long step = state.step();
        if (graph.getIterationCount() != step) {
          throw new IllegalStateException("network iteration count " + graph.getIterationCount() + " differs from the trainer's step " + step);
        }
        double lr = curve.at(step);
        float[] targets = Classifier.targets(b, config.labelSmoothing());
        INDArray x = Nd4j.create(b.features(), b.shape(), 'c').castTo(dataType);
        INDArray y = Nd4j.create(targets, new long[] {b.size(), b.numClasses()}, 'c').castTo(dataType);
        graph.getConfiguration().setEpochCount(b.epoch());
        Nd4j.getRandom().setSeed(Seeds.derive(config.seed(), "step", step));
        for (StepHook h : hooks) {
          h.beforeFit(step, b.epoch(), graph);
        }
        trainStep.fit(graph, x, y, step, b.epoch());
        Classifier.Stats st = probe.take(b, targets);
        double score = graph.score();
        if (!Double.isFinite(st.loss()) || !Double.isFinite(score)) {
          throw new TrainingDivergedException("loss " + st.loss() + " (DL4J score " + score + ")", step, b.epoch(), lr,
              folder.checkpointModel());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        totals = totals.plus(b.size(), st.loss(), st.correct(), seconds);
        state = new TrainState(b.epoch(), b.index() + 1, step + 1, perEpoch, totals, state.epochs(), elapsed(secondsBefore, sessionStart),
            state.configFingerprint());
        StepResult r = new StepResult(b.epoch(), b.index(), step, st.loss(), (double) st.correct() / b.size(), lr, b.size(), seconds,
            seconds > 0 ? b.size() / seconds : 0, totals.meanLoss(), totals.accuracy());
        for (TrainListener l : listeners) {
          l.stepDone(r, this);
        }
        if (b.index() == perEpoch - 1) {
          finishEpoch(b.epoch(), totals, secondsBefore, sessionStart);
          totals = EpochTotals.ZERO;
        }
        t0 = System.nanoTime();
      }
    }
  }

  private void finishEpoch(int epoch, EpochTotals totals, double secondsBefore, long sessionStart) {
    long t = System.nanoTime();
    EvalResult ev = eval != null && config.evaluatesAfter(epoch) ? Evaluator.evaluate(graph, eval) : EvalResult.NONE;
    double evalSeconds = (System.nanoTime() - t) / 1e9;
    EpochResult er = new EpochResult(epoch, totals.steps(), totals.images(), totals.meanLoss(), totals.accuracy(),
        totals.seconds() + evalSeconds, totals.imagesPerSecond(), ev);
    List<EpochResult> epochs = new ArrayList<>(state.epochs());
    epochs.add(er);
    state = new TrainState(epoch + 1, 0, state.step(), state.batchesPerEpoch(), EpochTotals.ZERO, epochs,
        elapsed(secondsBefore, sessionStart), state.configFingerprint());
    for (TrainListener l : listeners) {
      l.epochDone(er, this);
    }
  }

  private static double elapsed(double before, long sessionStart) {
    return before + (System.nanoTime() - sessionStart) / 1e9;
  }
}
