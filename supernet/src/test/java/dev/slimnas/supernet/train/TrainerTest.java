package dev.slimnas.supernet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.io.RunFolderException;
import dev.slimnas.space.json.Json;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainerTest {
  static final ImageDataset TRAIN = TinyNet.data(256, 1);
  static final ImageDataset TEST = TinyNet.data(64, 2);

  @TempDir
  Path tmp;

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  static Trainer.Builder trainer(TrainConfig config, Path dir) {
    BatchSource train = TinyNet.trainBatches(TRAIN, config);
    return Trainer.builder(config, TinyNet.factory(), train, dir).evaluation(TinyNet.evalBatches(TEST, TRAIN, 32)).metricsEverySteps(1);
  }

  /** Collects what the loop emits. */
  static final class Recorder implements TrainListener {
    final List<StepResult> steps = new ArrayList<>();
    final List<EpochResult> epochs = new ArrayList<>();

    @Override
    public void stepDone(StepResult step, TrainRun run) {
      steps.add(step);
    }

    @Override
    public void epochDone(EpochResult epoch, TrainRun run) {
      epochs.add(epoch);
    }
  }

  /** Simulates a kill: throws after the given step, once the checkpointer has seen it. */
  static final class Killer implements TrainListener {
    final long atStep;

    Killer(long atStep) {
      this.atStep = atStep;
    }

    @Override
    public void stepDone(StepResult step, TrainRun run) {
      if (step.step() == atStep) {
        throw new IllegalStateException("killed at step " + atStep);
      }
    }
  }

  static float[] params(Path model) {
    return GraphFiles.read(model, true).params().toFloatVector();
  }

  static float[] updaterState(Path model) {
    return GraphFiles.read(model, true).getUpdater().getStateViewArray().toFloatVector();
  }

  @Nested
  class FreshRun {
    @Test
    void writesTheRunFolderLayout() {
      TrainConfig config = TinyNet.config();
      TrainResult r = trainer(config, tmp).build().train();
      RunFolder f = new RunFolder(tmp);
      for (Path p : List.of(f.config(), f.metrics(), f.checkpointModel(), f.checkpoints().pointer(),
          f.checkpointModel().resolveSibling(CheckpointStore.STATE), Provenance.pathFor(f.checkpointModel()),
          f.model(), Provenance.pathFor(f.model()), f.result())) {
        assertTrue(Files.isRegularFile(p), p + " exists");
      }
      assertEquals(config, TrainConfig.read(f.config()));
      assertEquals(r, f.readResult());
      Checkpoint c = f.readCheckpoint();
      assertEquals(2, c.state().epoch());
      assertEquals(16, c.state().step());
      assertEquals(16, r.steps());
      assertEquals(2 * 256, r.images());
      assertEquals(2, r.epochs().size());
      assertTrue(r.eval().evaluated());
      assertEquals(64, r.eval().images());
    }

    @Test
    void emitsOneStepResultPerBatchWithTheScheduledLearningRate() {
      TrainConfig config = TinyNet.config();
      Recorder rec = new Recorder();
      trainer(config, tmp).listener(rec).build().train();
      LrCurve curve = LrCurve.of(config, 8);
      assertEquals(16, rec.steps.size());
      for (int i = 0; i < 16; i++) {
        StepResult s = rec.steps.get(i);
        assertEquals(i, s.step());
        assertEquals(i / 8, s.epoch());
        assertEquals(i % 8, s.batch());
        assertEquals(curve.at(i), s.lr());
        assertEquals(32, s.images());
        assertTrue(Double.isFinite(s.loss()) && s.loss() > 0);
      }
      StepResult last = rec.steps.get(7);
      EpochResult e0 = rec.epochs.get(0);
      assertEquals(last.epochLoss(), e0.trainLoss(), 1e-12);
      assertEquals(last.epochAccuracy(), e0.trainAccuracy(), 1e-12);
    }

    @Test
    void metricsLogHasAHeaderEveryStepEveryEpochAndTheEnd() throws IOException {
      trainer(TinyNet.config(), tmp).build().train();
      List<String> kinds = new ArrayList<>();
      for (String l : Files.readAllLines(new RunFolder(tmp).metrics())) {
        kinds.add(Json.mapper().readTree(l).path("kind").asText());
      }
      assertEquals("header", kinds.get(0));
      assertEquals(16, kinds.stream().filter("step"::equals).count());
      assertEquals(2, kinds.stream().filter("epoch"::equals).count());
      assertEquals("end", kinds.get(kinds.size() - 1));
    }

    @Test
    void learnsTheSyntheticTask() {
      TrainResult r = trainer(TinyNet.config().withEpochs(4), tmp).build().train();
      assertTrue(r.eval().accuracy() > 0.6, "accuracy " + r.eval().accuracy() + " (chance 0.25)");
      EpochResult first = r.epochs().get(0);
      EpochResult last = r.epochs().get(r.epochs().size() - 1);
      assertTrue(last.trainLoss() < first.trainLoss(), first.trainLoss() + " -> " + last.trainLoss());
    }

    @Test
    void refusesToStartOverAnExistingRun() {
      trainer(TinyNet.config().withEpochs(1), tmp).build().train();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer(TinyNet.config().withEpochs(1), tmp).build().train());
      assertTrue(e.getMessage().contains("already holds a run"), e.getMessage());
    }
  }

  @Nested
  class Resume {
    @Test
    void killedAndResumedRunEndsWithExactlyTheParametersOfAnUninterruptedRun() throws IOException {
      TrainConfig config = TinyNet.config(); // 8 batches per epoch, 16 steps, checkpoints every 3 steps
      Path a = tmp.resolve("a");
      Path b = tmp.resolve("b");
      Recorder recA = new Recorder();
      TrainResult ra = trainer(config, a).listener(recA).build().train();

      Recorder recB = new Recorder();
      IllegalStateException kill = assertThrows(IllegalStateException.class,
          () -> trainer(config, b).listener(recB).listener(new Killer(10)).build().train());
      assertTrue(kill.getMessage().contains("killed"));
      assertEquals(9, new RunFolder(b).readCheckpoint().state().step(), "last checkpoint after 9 steps (epoch 1, batch 1)");
      assertFalse(Files.exists(new RunFolder(b).model()));

      Recorder recB2 = new Recorder();
      TrainResult rb = trainer(config, b).listener(recB2).build().resume();

      assertArrayEquals(params(new RunFolder(a).model()), params(new RunFolder(b).model()), "final parameters are bit-identical");
      assertArrayEquals(updaterState(new RunFolder(a).model()), updaterState(new RunFolder(b).model()));
      List<StepResult> stepsB = new ArrayList<>(recB.steps.subList(0, 9));
      stepsB.addAll(recB2.steps);
      assertEquals(16, stepsB.size());
      for (int i = 0; i < 16; i++) {
        assertEquals(recA.steps.get(i).loss(), stepsB.get(i).loss(), "loss of step " + i);
        assertEquals(recA.steps.get(i).accuracy(), stepsB.get(i).accuracy(), "accuracy of step " + i);
        assertEquals(recA.steps.get(i).epochLoss(), stepsB.get(i).epochLoss(), "running loss of step " + i);
      }
      assertEquals(ra.epochs().size(), rb.epochs().size());
      for (int e = 0; e < ra.epochs().size(); e++) {
        assertEquals(ra.epochs().get(e).trainLoss(), rb.epochs().get(e).trainLoss());
        assertEquals(ra.epochs().get(e).trainAccuracy(), rb.epochs().get(e).trainAccuracy());
        assertEquals(ra.epochs().get(e).eval().loss(), rb.epochs().get(e).eval().loss());
        assertEquals(ra.epochs().get(e).eval().accuracy(), rb.epochs().get(e).eval().accuracy());
      }
      assertEquals(stepLosses(new RunFolder(a).metrics()), stepLosses(new RunFolder(b).metrics()),
          "the resumed metrics log reads like the uninterrupted one");
    }

    private List<String> stepLosses(Path metrics) throws IOException {
      List<String> out = new ArrayList<>();
      for (String l : Files.readAllLines(metrics)) {
        JsonNode n = Json.mapper().readTree(l);
        if (!n.path("kind").asText().equals("header") && !n.path("kind").asText().equals("end")) {
          out.add(n.path("kind").asText() + " " + n.path("step").asText() + " " + n.path("epoch").asText() + " "
              + n.path("loss").asText() + n.path("trainLoss").asText());
        }
      }
      return out;
    }

    @Test
    void completeStartsThenReturnsTheFinishedResult() {
      TrainConfig config = TinyNet.config().withEpochs(1);
      TrainResult first = trainer(config, tmp).build().complete();
      float[] before = params(new RunFolder(tmp).model());
      assertEquals(first, trainer(config, tmp).build().complete(), "a finished run is read, not re-run");
      assertArrayEquals(before, params(new RunFolder(tmp).model()));
    }

    @Test
    void resumingACompletedRunOnlyRewritesTheResult() {
      TrainConfig config = TinyNet.config().withEpochs(1);
      TrainResult first = trainer(config, tmp).build().train();
      float[] before = params(new RunFolder(tmp).model());
      TrainResult again = trainer(config, tmp).build().resume();
      assertArrayEquals(before, params(new RunFolder(tmp).model()));
      assertEquals(first.epochs(), again.epochs());
    }

    @Test
    void refusesAConfigThatDiffersFromTheRun() {
      TrainConfig config = TinyNet.config();
      assertThrows(IllegalStateException.class, () -> trainer(config, tmp).listener(new Killer(4)).build().train());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> trainer(config.withLabelSmoothing(0.2), tmp).build().resume());
      assertTrue(e.getMessage().contains("train.json"), e.getMessage());
    }

    @Test
    void failsWithoutACheckpointOrAStartedRun() {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer(TinyNet.config(), tmp).build().resume());
      assertTrue(e.getMessage().contains("no checkpoint"), e.getMessage());
    }

    @Test
    void detectsANetworkFileThatDoesNotMatchItsState() throws IOException {
      TrainConfig config = TinyNet.config();
      assertThrows(IllegalStateException.class, () -> trainer(config, tmp).listener(new Killer(4)).build().train());
      RunFolder f = new RunFolder(tmp);
      Files.copy(f.checkpointModel(), tmp.resolve("copy.zip"));
      Files.write(f.checkpointModel(), new byte[] {1, 2, 3});
      RunFolderException e = assertThrows(RunFolderException.class, () -> trainer(config, tmp).build().resume());
      assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains("another --out"), e.getMessage());
    }
  }

  @Nested
  class Divergence {
    /** Puts a NaN into the output weights after the given step. */
    record PoisonWeights(long atStep) implements TrainListener {
      @Override
      public void stepDone(StepResult step, TrainRun run) {
        if (step.step() == atStep) {
          run.graph().getParam("output_W").putScalar(0, Float.NaN);
        }
      }
    }

    /** Puts a NaN into the updater state after the given step: the next loss is finite, the next parameters are not. */
    record PoisonUpdater(long atStep) implements TrainListener {
      @Override
      public void stepDone(StepResult step, TrainRun run) {
        if (step.step() == atStep) {
          INDArray state = run.graph().getUpdater().getStateViewArray();
          state.putScalar(0, Float.NaN);
        }
      }
    }

    @Test
    void aNonFiniteLossStopsTheRunNamingStepEpochRateAndCheckpoint() {
      TrainConfig config = TinyNet.config().withCheckpointEverySteps(2);
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
          () -> trainer(config, tmp).listener(new PoisonWeights(4)).build().train());
      RunFolder f = new RunFolder(tmp);
      assertEquals(5, e.step());
      assertEquals(0, e.epoch());
      assertEquals(LrCurve.of(config, 8).at(5), e.lr());
      assertEquals(f.checkpointModel(), e.lastGoodCheckpoint().orElseThrow());
      assertTrue(e.getMessage().contains("step 5") && e.getMessage().contains("epoch 0") && e.getMessage().contains("learning rate")
          && e.getMessage().contains(f.checkpointModel().toString()), e.getMessage());
      assertEquals(4, f.readCheckpoint().state().step());
      assertTrue(Checkpointer.finite(GraphFiles.read(f.checkpointModel(), true)));
      assertFalse(Files.exists(f.model()));
    }

    @Test
    void nonFiniteParametersNeverReplaceTheLastGoodCheckpoint() {
      TrainConfig config = TinyNet.config().withCheckpointEverySteps(1);
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
          () -> trainer(config, tmp).listener(new PoisonUpdater(3)).build().train());
      RunFolder f = new RunFolder(tmp);
      assertEquals(4, e.step());
      assertTrue(e.getMessage().contains("not finite"), e.getMessage());
      assertEquals(4, f.readCheckpoint().state().step(), "the checkpoint after step 3 is kept");
      assertTrue(Checkpointer.finite(GraphFiles.read(f.checkpointModel(), true)));
    }

    @Test
    void aHugeLearningRateIsCaughtBeforeAnyDivergedCheckpoint() {
      TrainConfig config = TinyNet.config().withOptimizer(new Optimizer.Sgd(1e30, 0.9, true)).withCheckpointEverySteps(1)
          .withSchedule(new LrSchedule.Cosine(0, 0));
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> trainer(config, tmp).build().train());
      RunFolder f = new RunFolder(tmp);
      assertTrue(e.step() < 16, "diverged within the run, at step " + e.step());
      if (f.hasCheckpoint()) {
        assertTrue(Checkpointer.finite(GraphFiles.read(f.checkpointModel(), true)));
        assertTrue(f.readCheckpoint().state().step() <= e.step());
      }
    }
  }

  @Test
  void rejectsBatchesOfAnotherSizeThanTheConfig() {
    TrainConfig config = TinyNet.config();
    BatchSource sixteen = TinyNet.trainBatches(TRAIN, config.withBatchSize(16));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.builder(config, TinyNet.factory(), sixteen, tmp).build());
    assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
  }

  @Test
  void rejectsAFactoryThatIgnoresTheUpdater() {
    TrainConfig config = TinyNet.config();
    NetworkFactory ignoring = s -> TinyNet.build(s.withUpdater(new org.nd4j.linalg.learning.config.Sgd(0.1)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.builder(config, ignoring, TinyNet.trainBatches(TRAIN, config), tmp).build().train());
    assertTrue(e.getMessage().contains("ignored NetSettings.updater()"), e.getMessage());
  }

  @Test
  void rejectsANetworkWithoutASoftmaxClassifier() {
    TrainConfig config = TinyNet.config();
    NetworkFactory noSoftmax = s -> {
      ComputationGraph g = TinyNet.build(s);
      ((org.deeplearning4j.nn.conf.layers.OutputLayer) g.getLayer("output").conf().getLayer())
          .setActivationFn(new org.nd4j.linalg.activations.impl.ActivationSigmoid());
      return g;
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.builder(config, noSoftmax, TinyNet.trainBatches(TRAIN, config), tmp).build().train());
    assertTrue(e.getMessage().contains("softmax"), e.getMessage());
  }
}
