package dev.slimnas.supernet.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real kills: a child JVM trains TinyNet (a checkpoint after every step) and is killed with SIGKILL at a
 * random moment, again and again; the run is then brought to its end and must equal an uninterrupted one.
 */
@Tag("slow")
class CheckpointKillSlowTest {
  @TempDir
  Path tmp;

  static TrainConfig config() {
    return TinyNet.config().withEpochs(6).withCheckpointEverySteps(1);
  }

  @Test
  void aRunKilledAtRandomMomentsEndsBitIdenticalToAnUninterruptedOne() throws Exception {
    Nd4jSetup.ensure();
    Path reference = tmp.resolve("reference");
    TrainerTest.trainer(config(), reference).build().train();
    Path run = tmp.resolve("killed");
    SplittableRandom rng = new SplittableRandom(16);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    int kills = 0;
    for (int i = 0; i < 8 && !Files.exists(new RunFolder(run).result()); i++) {
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), KillableTrainerMain.class.getName(),
          run.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
      // the JVM is up; ND4J's start and the first steps take a few seconds
      if (!child.waitFor(2000 + rng.nextInt(6000), TimeUnit.MILLISECONDS)) {
        child.destroyForcibly();
        kills++;
      }
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    }
    TrainerTest.trainer(config(), run).build().complete();
    assertTrue(kills > 0, "at least one kill");
    CheckpointFaultTest.assertSameRun(reference, run, kills + " kills");
  }
}
