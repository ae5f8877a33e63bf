package dev.slimnas.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.trial.Experiment;
import dev.slimnas.space.trial.LocalRunner;
import dev.slimnas.space.trial.Trial;
import dev.slimnas.space.trial.TrialResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's whole training stack inside a Spark task (Trainer with checkpoints and result JSON, the network
 * translator and custom layers, ModelSerializer, ONNX export on Tribuo's protobuf classes) gives the same document,
 * ONNX bytes included, as the local runner. Slow only because of the machine: a MobileNetV2 step and the export.
 */
@Tag("slow")
class SparkTrainingSlowTest {
  @TempDir
  Path dir;

  @Test
  void aDl4jTrainingInsideASparkTaskMatchesTheLocalRunner() {
    // local[1]: the Spark task sets ND4J to 1 thread; the local run after it in this JVM then runs with 1 thread too
    Experiment<TinyTraining.Input> spark = new Experiment<>("tiny", List.of(Trial.of("tiny", dir.resolve("spark"),
        new TinyTraining.Input(7))), new TinyTraining());
    List<TrialResult> s = SparkRunner.builder().master("local[1]").conf("spark.ui.enabled", "false").build().run(spark, r -> {});
    Experiment<TinyTraining.Input> local = new Experiment<>("tiny", List.of(Trial.of("tiny", dir.resolve("local"),
        new TinyTraining.Input(7))), new TinyTraining());
    ExecutorTrials.threads(1); // this thread runs the local trial: 1 ND4J thread, as the Spark task had
    List<TrialResult> l = new LocalRunner(false).run(local, r -> {});
    assertEquals(l, s);
    assertTrue(s.get(0).document().contains("\"onnxSha256\""), s.get(0).document());
  }
}
