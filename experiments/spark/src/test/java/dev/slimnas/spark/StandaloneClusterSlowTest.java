package dev.slimnas.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.cli.experiment.CandidateTraining;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.trial.Experiment;
import dev.slimnas.space.trial.LocalRunner;
import dev.slimnas.space.trial.Trial;
import dev.slimnas.space.trial.TrialResult;
import dev.slimnas.supernet.data.DataLocator;
import dev.slimnas.supernet.train.RunFolder;
import dev.slimnas.supernet.train.TrainResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on this machine (a master and two workers of 1 core and 1.5 GB, separate JVMs
 * started and stopped here) runs three real CIFAR-10 trainings of search-budgets' kind (the smallest MobileNetV2-CIFAR
 * x0.25, 256 images, 2 epochs, 300 test images, seeds 1-3); one worker is killed, executor and all, while its trial is running. Every trial must finish, each once
 * in the results, the killed one on a second attempt, and every result equal to the local runner's (same seeds).
 */
@Tag("slow")
class StandaloneClusterSlowTest {
  @TempDir
  Path dir;

  private static Experiment<CandidateTraining.Input> experiment(Path root) {
    String data = DataLocator.dataDir().toString();
    List<Trial<CandidateTraining.Input>> trials = new ArrayList<>();
    String arch = SpecFiles.archJson(SearchSpaces.get("mobilenetv2-cifar", 0.25).min());
    for (int i = 1; i <= 3; i++) {
      trials.add(Trial.of("net-" + i, root.resolve("net-" + i), new CandidateTraining.Input("net-" + i, "test", 0,
          arch, 2, i, 256, 300, data, true)));
    }
    return new Experiment<>("cluster-test", trials, new CandidateTraining());
  }

  @Test
  void everyTrialFinishesOnceWithTheLocalRunnersResultsWhenAWorkerDies() throws Exception {
    CandidateTraining.data(DataLocator.dataDir()); // decodes CIFAR-10 into its cache once, before the executors read it
    Experiment<CandidateTraining.Input> e = experiment(dir.resolve("cluster"));
    try (LocalCluster cluster = new LocalCluster(dir, 2, 1, "1500m")) {
      SparkRunner runner = SparkRunner.builder().master(cluster.url())
          .conf("spark.executor.cores", "1")
          .conf("spark.executor.memory", "1g")
          .conf("spark.cores.max", "2")
          .conf("spark.executor.extraClassPath", LocalCluster.classpath())
          .conf("spark.driver.host", "127.0.0.1")
          .conf("spark.driver.bindAddress", "127.0.0.1")
          .conf("spark.ui.enabled", "false")
          .build();
      CompletableFuture<List<TrialResult>> run = CompletableFuture.supplyAsync(() -> runner.run(e, r -> {}));
      Process victim = cluster.workers().get(0);
      Trial<CandidateTraining.Input> killed = awaitTrialOn(e, victim, run);
      cluster.kill(victim);
      List<TrialResult> results = run.get(20, TimeUnit.MINUTES);

      assertEquals(e.trials().stream().map(Trial::name).toList(), results.stream().map(TrialResult::trial).toList());
      List<String> attempts = Files.readAllLines(ExecutorTrials.attemptsFile(killed));
      assertTrue(attempts.size() >= 2, killed.name() + " was killed but ran once: " + attempts);

      ExecutorTrials.threads(1); // the executors ran every trial with 1 ND4J thread; so does the local reference
      Experiment<CandidateTraining.Input> ref = experiment(dir.resolve("local"));
      List<TrialResult> local = new LocalRunner(false).run(ref, r -> {});
      for (int i = 0; i < results.size(); i++) {
        TrainResult c = CandidateTraining.result(results.get(i));
        TrainResult l = CandidateTraining.result(local.get(i));
        assertEquals(l.eval().accuracy(), c.eval().accuracy(), results.get(i).trial());
        assertEquals(l.eval().loss(), c.eval().loss(), results.get(i).trial());
        assertEquals(l.steps(), c.steps());
        assertEquals(l.images(), c.images());
        for (int k = 0; k < l.epochs().size(); k++) {
          assertEquals(l.epochs().get(k).trainLoss(), c.epochs().get(k).trainLoss(), results.get(i).trial() + " epoch " + k);
        }
      }
    }
  }

  /**
   * Waits until an executor of {@code worker} runs a trial and that trial has committed a checkpoint (so the retry
   * resumes from it), or 90 s after its start; returns that trial.
   */
  private static Trial<CandidateTraining.Input> awaitTrialOn(Experiment<CandidateTraining.Input> e, Process worker,
      CompletableFuture<?> run) throws InterruptedException {
    long started = 0;
    Trial<CandidateTraining.Input> found = null;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline && !run.isDone()) {
      if (found == null) {
        found = runningOn(e, worker).orElse(null);
        started = System.nanoTime();
      }
      if (found != null && (new RunFolder(found.dir()).hasCheckpoint() || System.nanoTime() - started > TimeUnit.SECONDS.toNanos(90))) {
        if (!Files.exists(new RunFolder(found.dir()).result())) {
          return found;
        }
        found = null; // it finished before the kill: wait for the worker's next trial
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no trial ran on the worker to kill (run done: " + run.isDone() + ")");
  }

  private static Optional<Trial<CandidateTraining.Input>> runningOn(Experiment<CandidateTraining.Input> e, Process worker) {
    List<Long> pids = worker.descendants().map(ProcessHandle::pid).toList();
    for (Trial<CandidateTraining.Input> t : e.trials()) {
      Path f = ExecutorTrials.attemptsFile(t);
      try {
        if (Files.exists(f) && !Files.exists(new RunFolder(t.dir()).result())) {
          for (String line : Files.readAllLines(f)) {
            for (long pid : pids) {
              if (line.contains("\"pid\": " + pid + ",")) {
                return Optional.of(t);
              }
            }
          }
        }
      } catch (java.io.IOException ex) {
        // being replaced at this moment: look again next time
      }
    }
    return Optional.empty();
  }
}
