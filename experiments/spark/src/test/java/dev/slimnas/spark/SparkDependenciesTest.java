package dev.slimnas.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.trial.Experiment;
import dev.slimnas.space.trial.LocalRunner;
import dev.slimnas.space.trial.Trial;
import dev.slimnas.space.trial.TrialResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's Jackson, Guava, SLF4J, Netty and protobuf on one classpath with DL4J/ND4J, Tribuo's ONNX protobuf classes
 * and the project's JSON: a real (tiny) DL4J training inside a Spark task gives the same document as the local runner.
 * {@link SparkTrainingSlowTest} does the same with the project's whole training stack.
 */
class SparkDependenciesTest {
  @TempDir
  Path dir;

  @Test
  void aDl4jTrainingInsideASparkTaskMatchesTheLocalRunner() {
    Experiment<DenseTraining.Input> spark = new Experiment<>("dense", List.of(Trial.of("dense", dir.resolve("spark"),
        new DenseTraining.Input(11))), new DenseTraining());
    List<TrialResult> s = SparkRunner.builder().master("local[1]").conf("spark.ui.enabled", "false").build().run(spark, r -> {});
    Experiment<DenseTraining.Input> local = new Experiment<>("dense", List.of(Trial.of("dense", dir.resolve("local"),
        new DenseTraining.Input(11))), new DenseTraining());
    ExecutorTrials.threads(1); // as the Spark task had
    List<TrialResult> l = new LocalRunner(false).run(local, r -> {});
    assertEquals(l, s);
    assertTrue(s.get(0).document().contains("\"score\""), s.get(0).document());
  }
}
