package dev.slimnas.supernet.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.LatencyModels;
import dev.slimnas.optimizers.budget.LatencyTarget;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.DataSplits;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.ValidationSplit;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.train.CheckpointStore;
import dev.slimnas.supernet.train.GraphFiles;
import dev.slimnas.supernet.train.LrSchedule;
import dev.slimnas.supernet.train.Optimizer;
import dev.slimnas.supernet.train.StepResult;
import dev.slimnas.supernet.train.TrainConfig;
import dev.slimnas.supernet.train.TrainListener;
import dev.slimnas.supernet.train.TrainRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search loop end to end on a small synthetic CIFAR-shaped data set (the real spnas-cifar supernet at
 * width 0.25): files of a run, the read-out against the table, exact resume after a kill, and the
 * direction the latency term pushes.
 */
class SinglePathSearchTest {
  private static final DataSplits DATA = data();

  @TempDir
  Path dir;

  @TempDir
  static Path shared;

  private static SearchResult whole;

  /** The uninterrupted search of {@link #standard()} in {@code shared/whole}, run once for the resume tests. */
  private SearchResult whole() {
    if (whole == null) {
      whole = search(standard(), shared.resolve("whole"), null).run();
    }
    return whole;
  }

  static SearchConfig standard() {
    return config(LatencyTarget.Budget.of(70), 2, 1, 0.01);
  }

  /** 100 training images (20 of them validation) and 20 test images, 32x32x3, 10 classes with class-dependent colour. */
  static DataSplits data() {
    return DataSplits.of(images(100, 1), images(20, 2), new ValidationSplit(20, 0));
  }

  private static ImageDataset images(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int plane = 32 * 32;
    byte[] px = new byte[n * 3 * plane];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (int ch = 0; ch < 3; ch++) {
        int base = 30 + 20 * ((labels[i] + ch * 3) % 10);
        for (int p = 0; p < plane; p++) {
          px[(i * 3 + ch) * plane + p] = (byte) (base + rng.nextInt(40));
        }
      }
    }
    List<String> classes = IntStream.range(0, 10).mapToObj(k -> "c" + k).toList();
    return new ImageDataset(px, labels, 32, 32, 3, classes, "synthetic-cifar-" + seed);
  }

  /** As the scaled-down default (SGD weights, Adam thresholds at {@code thresholdLr}), tiny. */
  static SearchConfig config(LatencyTarget target, int epochs, int warmup, double thresholdLr) {
    TrainConfig w = new TrainConfig(epochs, 16, new Optimizer.Sgd(0.05, 0.9, true), new LrSchedule.Cosine(0, 0), 0.1, 5e-5,
        7, 2, 1);
    return new SearchConfig("spnas-cifar", "spnas-224", "pixel1-singlepath", 0.25, 0, 0, warmup, 0.4, target, w,
        new ThresholdTraining.Own(Optimizer.Adam.of(thresholdLr)), 0);
  }

  private SinglePathSearch search(SearchConfig c, Path runDir, TrainListener listener) {
    return SinglePathSearch.of(c, () -> DATA, runDir, listener == null ? null : () -> listener);
  }

  @Test
  void aRunWritesTheTraceTheReadOutAndItsLatency() throws Exception {
    SearchConfig c = config(LatencyTarget.Budget.of(70), 2, 1, 0.01);
    SearchResult r = search(c, dir, null).run();
    List<TraceStep> steps = new SearchTrace(dir.resolve("trace.jsonl")).steps();
    assertEquals(10, steps.size(), "2 epochs of 80 images at batch 16");
    assertTrue(steps.subList(0, 5).stream().allMatch(s -> s.phase().equals("warmup") && s.lambda() == 0));
    assertTrue(steps.subList(5, 10).stream().allMatch(s -> s.phase().equals("search") && s.lambda() > 0));
    assertEquals(20, steps.get(0).blocks().size(), "every searchable block");
    ArchSpec deployment = SpecFiles.readArch(dir.resolve("deployment-arch.json"));
    assertEquals(LatencyModels.get("pixel1-singlepath").predict(deployment), r.latencyMs(), 1e-9);
    assertEquals(steps.get(9).latencyMs(), r.supernetLatencyMs(), 1e-9, "the last trace line is the supernet's read-out");
    assertEquals(List.of(steps.get(9).arch().split(",")), r.supernetOps());
    assertTrue(steps.subList(5, 10).stream().allMatch(s -> s.softLatencyMs() > 0));
    assertTrue(r.fill().withinBand() && r.latencyMs() <= 70 && r.latencyMs() >= 0.95 * 70,
        "the fill lands in 95-100% of the budget: " + r.latencyMs() + ", " + r.fill().note());
    ArchSpec arch = SpecFiles.readArch(dir.resolve("arch.json"));
    assertEquals(32, arch.input().resolution());
    assertEquals(r.ops(), arch.ops().stream().map(o -> o.code()).toList());
    for (String f : List.of("search.json", "trace.csv", "search-result.json", "arch.json.provenance.json",
        "supernet/model.zip", "supernet/checkpoint/LATEST")) {
      assertTrue(Files.exists(dir.resolve(f)), f);
    }
    assertEquals(r, SearchResult.read(dir.resolve("search-result.json")));
    assertThrows(IllegalStateException.class, () -> search(c, dir, null).run(), "a folder holds one search");
  }

  @Test
  void aKilledSearchResumesToTheSameResult() throws Exception {
    SearchConfig c = standard();
    SearchResult a = whole();
    Path whole = shared.resolve("whole");
    Path killed = dir.resolve("killed");
    TrainListener killAtStep7 = new TrainListener() {
      @Override
      public void stepDone(StepResult step, TrainRun run) {
        if (step.step() == 6) {
          throw new IllegalStateException("killed");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> search(c, killed, killAtStep7).run());
    SearchResult b = search(c, killed, null).resume();
    assertEquals(Files.readString(whole.resolve("trace.jsonl")), Files.readString(killed.resolve("trace.jsonl")),
        "the same trace, lambda controller included");
    assertEquals(a.ops(), b.ops());
    assertEquals(a.latencyMs(), b.latencyMs());
    assertEquals(a.supernetOps(), b.supernetOps());
    assertEquals(a.fill(), b.fill(), "the fill is recomputed, deterministically");
    assertArrayEquals(GraphFiles.read(whole.resolve("supernet/model.zip"), false).params().toFloatVector(),
        GraphFiles.read(killed.resolve("supernet/model.zip"), false).params().toFloatVector());
  }

  /** An injected fault at a checkpoint write boundary (a kill at that moment). */
  static final class Fault extends RuntimeException {
    Fault(String boundary) {
      super("injected fault at " + boundary);
    }
  }

  /**
   * A search interrupted seven times, session i failing at write boundary i of its first or second
   * checkpoint (the supernet checkpoints after steps 2, 4, 5, 6, 8 and 10, so the faults fall on
   * checkpoints 2 to 8, the first one included), then resumed: trace, metrics, parameters, updater state
   * and read-out equal an uninterrupted search's, bit for bit.
   */
  @Test
  void aSearchInterruptedAtEveryCheckpointWriteBoundaryResumesToTheSameResult() throws Exception {
    SearchConfig c = standard();
    SearchResult a = whole();
    Path whole = shared.resolve("whole");
    Path faulty = dir.resolve("faulty");
    int per = CheckpointStore.BOUNDARIES.size();
    List<String> hits = new java.util.ArrayList<>();
    for (int i = 0; i < per; i++) {
      int at = (i % 2) * per + i;
      int[] seen = {0};
      SinglePathSearch s = search(c, faulty, null).withWriteBarrier(boundary -> {
        if (seen[0]++ == at) {
          hits.add(boundary);
          throw new Fault(boundary);
        }
      });
      assertThrows(Fault.class, i == 0 ? s::run : s::resume, "session " + i);
      System.gc(); // each session leaves a supernet whose off-heap buffers go only with its Java objects
    }
    assertEquals(CheckpointStore.BOUNDARIES, hits);
    SearchResult b = search(c, faulty, null).resume();
    assertEquals(Files.readString(whole.resolve("trace.jsonl")), Files.readString(faulty.resolve("trace.jsonl")));
    assertEquals(a.ops(), b.ops());
    assertEquals(a.latencyMs(), b.latencyMs());
    ComputationGraph ga = GraphFiles.read(whole.resolve("supernet/model.zip"), true);
    ComputationGraph gb = GraphFiles.read(faulty.resolve("supernet/model.zip"), true);
    assertArrayEquals(ga.params().toFloatVector(), gb.params().toFloatVector());
    assertArrayEquals(ga.getUpdater().getStateViewArray().toFloatVector(), gb.getUpdater().getStateViewArray().toFloatVector());
    assertEquals(lossLines(whole.resolve("supernet/metrics.jsonl")), lossLines(faulty.resolve("supernet/metrics.jsonl")));
  }

  private static List<String> lossLines(Path metrics) throws java.io.IOException {
    List<String> out = new java.util.ArrayList<>();
    for (String l : Files.readAllLines(metrics)) {
      var n = dev.slimnas.space.json.Json.mapper().readTree(l);
      out.add(n.path("kind").asText() + " " + n.path("step").asText() + " " + n.path("epoch").asText() + " "
          + n.path("loss").asText() + " " + n.path("trainLoss").asText() + " " + n.path("accuracy").asText());
    }
    return out;
  }

  @Test
  void withFinalTrainingTheFoundNetworkIsTrainedAndEvaluatedOnTheTestSet() throws Exception {
    SearchConfig c = config(new LatencyTarget.Fixed(0.02), 1, 0, 0.01).withFinalTrainEpochs(1);
    DataSplits enough = DataSplits.of(images(140, 3), images(20, 2), new ValidationSplit(20, 0)); // one batch of 128
    SinglePathSearch s = SinglePathSearch.of(c, () -> enough, dir, null);
    s.run();
    dev.slimnas.supernet.train.TrainResult f = s.finalFolder().readResult();
    assertEquals(1, f.epochs().size());
    assertEquals(20, f.eval().images(), "the 20 test images");
    assertTrue(Files.exists(s.finalFolder().model()), "the exported DL4J network");
    ArchSpec arch = SpecFiles.readArch(dir.resolve("arch.json"));
    assertEquals(Networks.trainableParams(GraphFiles.read(s.finalFolder().model(), false)),
        dev.slimnas.space.cost.CostModel.of(arch).params(), "final/model.zip is the read-out architecture");
  }

  @Test
  void resumingWithAnotherConfigIsRefused() {
    search(config(new LatencyTarget.Fixed(0.02), 1, 0, 0.01), dir, null).run();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> search(config(new LatencyTarget.Fixed(0.5), 1, 0, 0.01), dir, null).resume());
    assertTrue(e.getMessage().contains("search.json"), e.getMessage());
  }

  /** A strong latency weight makes predicted latency fall; without it the supernet stays far from the smallest network. */
  @Test
  void theLatencyTermShrinksTheNetworkAndItsAbsenceDoesNot() {
    double none = search(config(new LatencyTarget.Fixed(0), 4, 0, 0.05), dir.resolve("zero"), null).run().latencyMs();
    double strong = search(config(new LatencyTarget.Fixed(5), 4, 0, 0.05), dir.resolve("strong"), null).run().latencyMs();
    double largest = 131.4578;
    double smallest = 30.63;
    assertTrue(none > (largest + smallest) / 2, "lambda 0 stays far from the smallest network: " + none + " (strong: " + strong + ")");
    assertTrue(strong < none - 20, "lambda 5 cuts latency: " + strong + " vs " + none);
    assertTrue(strong >= smallest, "" + strong);
  }

  /**
   * {@code --device FILE}: a profile measured in ONNX Runtime on this machine (a small, quick one, vendored as a test
   * resource) names the device; its fitted predictor is the search's latency table, so the latency term of the loss
   * and the read-out are in that device's milliseconds (far below any Pixel 1 figure).
   */
  @Test
  void aProfileFileIsADeviceAndItsPredictorIsTheLatencyInTheLoss() throws Exception {
    String profile = Path.of(getClass().getResource("/latency/ort-cpu-1t-toy.json").toURI()).toString();
    var model = LatencyModels.get(profile);
    assertTrue(model.profile().runtime().startsWith("ONNX Runtime"), model.profile().runtime());
    var deploymentSpace = dev.slimnas.space.search.SearchSpaces.get("spnas-224");
    double largest = model.predict(deploymentSpace.max());
    assertTrue(largest < 30.63, "ONNX Runtime on this CPU is faster than the Pixel 1's smallest network: " + largest);
    SearchConfig c = config(new LatencyTarget.Fixed(0.5), 2, 1, 0.01).withDevice(profile);
    SearchResult r = search(c, dir, null).run();
    assertEquals(profile, r.device());
    ArchSpec deployment = SpecFiles.readArch(dir.resolve("deployment-arch.json"));
    assertEquals(model.predict(deployment), r.latencyMs(), 1e-9);
    List<TraceStep> steps = new SearchTrace(dir.resolve("trace.jsonl")).steps();
    List<TraceStep> search = steps.stream().filter(s -> s.phase().equals("search")).toList();
    assertTrue(!search.isEmpty() && search.stream().allMatch(s -> s.softLatencyMs() > 0 && s.softLatencyMs() <= largest * 1.0001
        && s.latencyMs() <= largest * 1.0001), "every step's latency term is the ORT predictor's (at most " + largest + " ms)");
    RuntimeException missing = assertThrows(RuntimeException.class,
        () -> SinglePathSearch.latencyTable(c.withDevice(dir.resolve("none.json").toString())));
    assertTrue(missing.getMessage().contains("none.json"), missing.getMessage());
  }
}
