package dev.slimnas.space.trial;

import dev.slimnas.space.io.AtomicFiles;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resumable toy trial: sums {@code seed * k} for k = 1..steps, checkpointing the step and the sum after every
 * step; {@code failAt} > 0 throws once at that step (the first attempt), as a kill would stop it.
 */
final class CountingWork implements TrialWork<CountingWork.Input> {
  record Input(long seed, int steps, int failAt) implements Serializable {}

  static final AtomicInteger STEPS_RUN = new AtomicInteger();
  static final AtomicInteger RUNS = new AtomicInteger();

  @Override
  public Optional<TrialResult> finished(Trial<Input> trial) {
    Path r = trial.dir().resolve("result.txt");
    return Files.exists(r) ? Optional.of(new TrialResult(trial.name(), read(r))) : Optional.empty();
  }

  @Override
  public TrialResult run(Trial<Input> trial, TrialContext context) {
    RUNS.incrementAndGet();
    Path cp = trial.dir().resolve("checkpoint.txt");
    Path failed = trial.dir().resolve("failed-once");
    int step = 0;
    long sum = 0;
    try {
      Files.createDirectories(trial.dir());
      if (Files.exists(cp)) {
        String[] s = read(cp).split(" ");
        step = Integer.parseInt(s[0]);
        sum = Long.parseLong(s[1]);
      }
      for (int k = step + 1; k <= trial.input().steps(); k++) {
        if (k == trial.input().failAt() && !Files.exists(failed)) {
          Files.writeString(failed, "");
          throw new IllegalStateException("killed at step " + k);
        }
        sum += trial.input().seed() * k;
        STEPS_RUN.incrementAndGet();
        AtomicFiles.writeString(cp, k + " " + sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String doc = "{\"sum\": " + sum + "}";
    AtomicFiles.writeString(trial.dir().resolve("result.txt"), doc);
    return new TrialResult(trial.name(), doc);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
