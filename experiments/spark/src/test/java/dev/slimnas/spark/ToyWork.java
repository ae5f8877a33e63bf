package dev.slimnas.spark;

import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.trial.Trial;
import dev.slimnas.space.trial.TrialContext;
import dev.slimnas.space.trial.TrialResult;
import dev.slimnas.space.trial.TrialWork;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resumable trial without DL4J: sums {@code seed * k} for k = 1..steps, checkpointing after every step and
 * sleeping {@code sleepMs} per step; throws once at step {@code failAt} (> 0) as a lost task would stop. Its result
 * also names the ND4J threads and the trials running at once in this JVM, so tests can check the executor rule.
 */
final class ToyWork implements TrialWork<ToyWork.Input> {
  private static final long serialVersionUID = 1L;

  record Input(long seed, int steps, int failAt, long sleepMs) implements Serializable {}

  static final AtomicInteger RUNNING = new AtomicInteger();
  static final AtomicInteger MAX_RUNNING = new AtomicInteger();
  static final AtomicInteger SHARED_LOADS = new AtomicInteger();

  @Override
  public Optional<TrialResult> finished(Trial<Input> trial) {
    Path r = trial.dir().resolve("result.json");
    return Files.exists(r) ? Optional.of(new TrialResult(trial.name(), read(r))) : Optional.empty();
  }

  @Override
  public TrialResult run(Trial<Input> trial, TrialContext context) {
    int now = RUNNING.incrementAndGet();
    MAX_RUNNING.accumulateAndGet(now, Math::max);
    try {
      context.shared("toy-data", () -> SHARED_LOADS.incrementAndGet());
      Path cp = trial.dir().resolve("checkpoint.txt");
      Path failed = trial.dir().resolve("failed-once");
      int step = 0;
      long sum = 0;
      Files.createDirectories(trial.dir());
      if (Files.exists(cp)) {
        String[] s = read(cp).split(" ");
        step = Integer.parseInt(s[0]);
        sum = Long.parseLong(s[1]);
      }
      for (int k = step + 1; k <= trial.input().steps(); k++) {
        if (k == trial.input().failAt() && !Files.exists(failed)) {
          Files.writeString(failed, "");
          throw new IllegalStateException("trial " + trial.name() + " stopped at step " + k + " (test)");
        }
        Thread.sleep(trial.input().sleepMs());
        sum += trial.input().seed() * k;
        AtomicFiles.writeString(cp, k + " " + sum);
      }
      String doc = "{\"sum\": " + sum + "}";
      AtomicFiles.writeString(trial.dir().resolve("result.json"), doc);
      AtomicFiles.writeString(trial.dir().resolve("nd4j-threads.txt"), String.valueOf(ExecutorTrials.nd4jThreads()));
      AtomicFiles.writeString(trial.dir().resolve("cores.txt"), String.valueOf(context.cores()));
      return new TrialResult(trial.name(), doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      RUNNING.decrementAndGet();
    }
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
