package dev.slimnas.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.trial.Experiment;
import dev.slimnas.space.trial.LocalRunner;
import dev.slimnas.space.trial.Trial;
import dev.slimnas.space.trial.TrialResult;
import dev.slimnas.space.trial.TrialRunners;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark runner in local mode (executors are threads of this JVM): a few seconds per Spark start. */
class SparkRunnerTest {
  @TempDir
  Path dir;

  private static Experiment<ToyWork.Input> experiment(Path root, int trials, int failAt, long sleepMs) {
    List<Trial<ToyWork.Input>> list = new ArrayList<>();
    for (int i = 1; i <= trials; i++) {
      list.add(Trial.of("t" + i, root.resolve("t" + i), new ToyWork.Input(i, 6, i == 2 ? failAt : 0, sleepMs)));
    }
    return new Experiment<>("toy", list, new ToyWork());
  }

  private static SparkRunner.Builder local(String master) {
    return SparkRunner.builder().master(master).conf("spark.ui.enabled", "false");
  }

  @Test
  void runsEachTrialOnceRetriesAFailedOneFromItsCheckpointAndSkipsFinishedOnes() {
    List<TrialResult> reference = new LocalRunner(false).run(experiment(dir.resolve("local"), 3, 0, 0), x -> {});
    Experiment<ToyWork.Input> e = experiment(dir.resolve("spark"), 3, 4, 0); // t2 fails once at step 4
    List<String> seen = new ArrayList<>();
    List<TrialResult> results = local("local[1]").build().run(e, r -> seen.add(r.trial()));
    assertEquals(reference, results); // each trial once, in order, the same documents
    assertEquals(List.of("t1", "t2", "t3"), seen);
    List<String> attempts = ToyWork.read(ExecutorTrials.attemptsFile(e.trials().get(1))).lines().toList();
    assertEquals(2, attempts.size(), "t2 ran twice: " + attempts);
    assertTrue(attempts.get(1).contains("\"attempt\": 1"), attempts.get(1));
    assertTrue(ToyWork.read(dir.resolve("spark/t2/checkpoint.txt")).startsWith("6 ")); // went on to the end
    // local[1]: one core per task, so ND4J runs with 1 thread (the JVM's default here is the machine's 2)
    for (Trial<ToyWork.Input> t : e.trials()) {
      assertEquals("1", ToyWork.read(t.dir().resolve("cores.txt")), ToyWork.read(ExecutorTrials.attemptsFile(t)));
      assertEquals("1", ToyWork.read(t.dir().resolve("nd4j-threads.txt")));
    }
    // run again: every result is in its folder, so no trial runs (and no Spark job starts)
    List<TrialResult> again = local("local[2]").build().run(e, r -> {});
    assertEquals(reference, again);
    assertEquals(1, ToyWork.read(ExecutorTrials.attemptsFile(e.trials().get(0))).lines().count());
  }

  @Test
  void neverRunsTwoTrialsAtOnceInOneJvm() {
    ToyWork.MAX_RUNNING.set(0);
    ToyWork.SHARED_LOADS.set(0);
    // spark.task.cpus=1 on local[3] lets Spark start three tasks at once in this JVM: the executor lock must queue them
    Experiment<ToyWork.Input> e = experiment(dir.resolve("lock"), 3, 0, 100);
    local("local[3]").conf("spark.task.cpus", "1").build().run(e, r -> {});
    assertEquals(1, ToyWork.MAX_RUNNING.get(), "two trials ran at once in one JVM");
    assertTrue(ToyWork.SHARED_LOADS.get() <= 1, "shared data loaded " + ToyWork.SHARED_LOADS.get() + " times in one JVM");
  }

  @Test
  void isFoundByNameWhenOnTheClasspath() {
    assertEquals("spark local[2]", TrialRunners.of("spark", "local[2]", false).describe());
  }

  @Test
  void asksLocalModeForRetriesAndOneTaskPerJvm() {
    var c = local("local[2]").build().sparkConf("x");
    assertEquals("local[2,4]", c.get("spark.master"));
    assertEquals("2", c.get("spark.task.cpus"));
    var d = SparkRunner.builder().master("spark://127.0.0.1:7077").conf("spark.executor.cores", "4").build().sparkConf("x");
    assertEquals("4", d.get("spark.task.cpus"));
    assertEquals("4", d.get("spark.executorEnv.OMP_NUM_THREADS"));
    assertEquals("4", d.get("spark.task.maxFailures"));
  }
}
