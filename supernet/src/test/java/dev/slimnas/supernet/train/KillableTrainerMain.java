package dev.slimnas.supernet.train;

import java.nio.file.Path;

/** The child process of {@link CheckpointKillSlowTest}: brings the TinyNet run in {@code args[0]} to its end. */
public final class KillableTrainerMain {
  private KillableTrainerMain() {}

  public static void main(String[] args) {
    System.out.println("started");
    System.out.flush();
    TrainerTest.trainer(CheckpointKillSlowTest.config(), Path.of(args[0])).build().complete();
  }
}
