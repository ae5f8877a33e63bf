package dev.slimnas.space.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRunnerTest {
  @TempDir
  Path dir;

  @BeforeEach
  void reset() {
    CountingWork.STEPS_RUN.set(0);
    CountingWork.RUNS.set(0);
  }

  private Experiment<CountingWork.Input> experiment(int failAt) {
    List<Trial<CountingWork.Input>> trials = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      trials.add(Trial.of("t" + i, dir.resolve("t" + i), new CountingWork.Input(i, 10, i == 2 ? failAt : 0)));
    }
    return new Experiment<>("toy", trials, new CountingWork());
  }

  @Nested
  class Runs {
    @Test
    void returnsOneResultPerTrialInOrder() {
      List<String> seen = new ArrayList<>();
      List<TrialResult> r = new LocalRunner(false).run(experiment(0), x -> seen.add(x.trial()));
      assertEquals(List.of("t1", "t2", "t3"), r.stream().map(TrialResult::trial).toList());
      assertEquals(List.of("t1", "t2", "t3"), seen);
      assertEquals("{\"sum\": 110}", r.get(1).document()); // 2 * 55
    }

    @Test
    void doesNotRunAFinishedTrialAgain() {
      new LocalRunner(false).run(experiment(0), x -> {});
      int steps = CountingWork.STEPS_RUN.get();
      List<TrialResult> again = new LocalRunner(false).run(experiment(0), x -> {});
      assertEquals(steps, CountingWork.STEPS_RUN.get());
      assertEquals(3, again.size());
    }

    @Test
    void resumesAKilledTrialFromItsCheckpointWithTheSameResult() {
      List<TrialResult> clean = new LocalRunner(false).run(experiment(0), x -> {});
      for (int i = 1; i <= 3; i++) {
        deleteAll(dir.resolve("t" + i));
      }
      CountingWork.STEPS_RUN.set(0);
      assertThrows(IllegalStateException.class, () -> new LocalRunner(false).run(experiment(6), x -> {}));
      assertEquals(10 + 5, CountingWork.STEPS_RUN.get()); // t1 whole, t2 up to step 5
      List<TrialResult> resumed = new LocalRunner(false).run(experiment(6), x -> {});
      assertEquals(10 + 10 + 10, CountingWork.STEPS_RUN.get()); // t2 went on from step 6, t3 whole; t1 not again
      assertEquals(clean, resumed);
    }
  }

  @Nested
  class Experiments {
    @Test
    void rejectsTwoTrialsOfOneName() {
      var in = new CountingWork.Input(1, 1, 0);
      var e = assertThrows(IllegalArgumentException.class, () -> new Experiment<>("x",
          List.of(Trial.of("a", dir.resolve("a"), in), Trial.of("a", dir.resolve("b"), in)), new CountingWork()));
      assertTrue(e.getMessage().contains("two trials are named a"), e.getMessage());
    }

    @Test
    void rejectsNamesThatAreNotFolderNames() {
      assertThrows(IllegalArgumentException.class, () -> Trial.of("a/b", dir, new CountingWork.Input(1, 1, 0)));
    }
  }

  @Nested
  class Runners {
    @Test
    void findsLocal() {
      assertEquals("local", TrialRunners.of("local", null, false).describe());
    }

    @Test
    void namesTheFixWhenSparkIsNotOnTheClasspath() {
      var e = assertThrows(IllegalArgumentException.class, () -> TrialRunners.of("spark", "local[2]", false));
      assertTrue(e.getMessage().contains("not on this classpath"), e.getMessage());
    }

    @Test
    void rejectsAMasterForTheLocalRunner() {
      assertThrows(IllegalArgumentException.class, () -> TrialRunners.of("local", "local[2]", false));
    }

    @Test
    void sharesAValuePerJvm() {
      int before = JvmShared.loads();
      Object a = JvmShared.get("test:shared-once", Object::new);
      Object b = new TrialContext(1, false, "x").shared("test:shared-once", Object::new);
      assertTrue(a == b);
      assertEquals(before + 1, JvmShared.loads());
    }
  }

  private static void deleteAll(Path p) {
    try (var s = java.nio.file.Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
