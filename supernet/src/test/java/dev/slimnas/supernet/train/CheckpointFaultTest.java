package dev.slimnas.supernet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slimnas.space.io.Checksums;
import dev.slimnas.space.json.Json;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection into checkpoint writes: a throw at every write boundary of a checkpoint stands for a kill
 * at that moment; the run is then resumed and must end bit-identical to an uninterrupted run (parameters,
 * updater state, metrics log, epoch results).
 */
class CheckpointFaultTest {
  private static final int PER_CHECKPOINT = CheckpointStore.BOUNDARIES.size();

  @TempDir
  static Path shared;

  @TempDir
  Path tmp;

  private static Path reference;

  @BeforeAll
  static void uninterruptedRun() {
    Nd4jSetup.ensure();
    reference = shared.resolve("reference");
    TrainerTest.trainer(TinyNet.config(), reference).build().train();
  }

  /** An injected fault (a kill). */
  static final class Fault extends RuntimeException {
    Fault(String boundary) {
      super("injected fault at " + boundary);
    }
  }

  /** Throws at the {@code at}-th boundary (0-based, counted over the session) and records where. */
  static final class FaultAt implements WriteBarrier {
    final int at;
    int seen;
    String hit;

    FaultAt(int at) {
      this.at = at;
    }

    @Override
    public void reached(String boundary) {
      if (seen++ == at) {
        hit = boundary;
        throw new Fault(boundary);
      }
    }
  }

  /**
   * TinyNet's run checkpoints after steps 3, 6, 8 (epoch end), 9, 12, 15 and 16. Every boundary of the
   * first checkpoint (nothing committed before it) and of the epoch-end one, one run each.
   */
  @Test
  void aFaultAtEveryBoundaryOfTheFirstAndAnEpochEndCheckpointResumesBitIdentically() throws IOException {
    for (int checkpoint : new int[] {0, 2}) {
      for (int k = 0; k < PER_CHECKPOINT; k++) {
        Path run = tmp.resolve("c" + checkpoint + "-" + k);
        FaultAt fault = new FaultAt(checkpoint * PER_CHECKPOINT + k);
        assertThrows(Fault.class, () -> TrainerTest.trainer(TinyNet.config(), run).writeBarrier(fault).build().train());
        assertEquals(CheckpointStore.BOUNDARIES.get(k), fault.hit);
        List<String> notices = new ArrayList<>();
        TrainerTest.trainer(TinyNet.config(), run).notices(notices::add).build().resume();
        assertSameRun(reference, run, "fault at " + fault.hit + " of checkpoint " + checkpoint);
        if (checkpoint == 0 && k < CheckpointStore.BOUNDARIES.indexOf("prune")) {
          assertEquals(1, notices.size(), notices.toString());
          assertTrue(notices.get(0).contains("starting it again from step 0"), notices.get(0));
        } else {
          assertEquals(List.of(), notices, "an uncommitted generation is no damage");
        }
      }
    }
  }

  /**
   * One run interrupted seven times, session i failing at boundary i of its first or second checkpoint, so
   * faults fall on later checkpoints too (mid-epoch, the last one) and a resumed run is interrupted again.
   */
  @Test
  void aRunInterruptedAtEachBoundaryInTurnFinishesBitIdentically() throws IOException {
    Path run = tmp.resolve("chain");
    List<String> hits = new ArrayList<>();
    for (int i = 0; i < PER_CHECKPOINT; i++) {
      FaultAt fault = new FaultAt((i % 2) * PER_CHECKPOINT + i);
      Trainer t = TrainerTest.trainer(TinyNet.config(), run).writeBarrier(fault).build();
      assertThrows(Fault.class, i == 0 ? t::train : t::resume, "session " + i);
      hits.add(fault.hit);
      assertFalse(Files.exists(new RunFolder(run).model()));
    }
    assertEquals(CheckpointStore.BOUNDARIES, hits);
    TrainerTest.trainer(TinyNet.config(), run).build().resume();
    assertSameRun(reference, run, "after seven faults");
  }

  @Test
  void aDamagedLatestCheckpointFallsBackToTheOneBeforeAndSaysSo() throws IOException {
    Path run = tmp.resolve("damaged");
    assertThrows(Fault.class, () -> TrainerTest.trainer(TinyNet.config(), run).writeBarrier(new FaultAt(3 * PER_CHECKPOINT)).build().train());
    RunFolder f = new RunFolder(run);
    assertEquals(8, f.readCheckpoint().state().step(), "committed after steps 3, 6, 8");
    Files.write(f.checkpointModel(), new byte[] {1, 2, 3});
    List<String> notices = new ArrayList<>();
    TrainerTest.trainer(TinyNet.config(), run).notices(notices::add).build().resume();
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(notices.get(0).contains("is damaged") && notices.get(0).contains("SHA-256")
        && notices.get(0).contains("falling back to") && notices.get(0).contains("(step 6)"), notices.get(0));
    assertSameRun(reference, run, "after a fallback");
  }

  @Test
  void aCheckpointOfThePreviousLayoutStillResumes() throws IOException {
    Path run = tmp.resolve("legacy");
    assertThrows(Fault.class, () -> TrainerTest.trainer(TinyNet.config(), run).writeBarrier(new FaultAt(2 * PER_CHECKPOINT)).build().train());
    RunFolder f = new RunFolder(run);
    Checkpoint c = f.readCheckpoint();
    Path dir = f.checkpointDir();
    Files.copy(f.checkpointModel(), dir.resolve("last.zip"));
    Json.write(dir.resolve("last.json"), Checkpoint.SCHEMA, Checkpoint.VERSION, new Checkpoint(c.state(), "last.zip",
        Checksums.sha256(dir.resolve("last.zip"))));
    deleteTree(dir, p -> !p.getFileName().toString().startsWith("last."));
    assertEquals(6, f.readCheckpoint().state().step());
    TrainerTest.trainer(TinyNet.config(), run).build().resume();
    assertSameRun(reference, run, "from the previous layout", false);
    assertFalse(Files.exists(dir.resolve("last.zip")), "the previous layout's files go once a generation is committed");
  }

  /** Parameters, updater state, metrics log and epoch results of {@code b} equal {@code a}'s; no temporaries left. */
  static void assertSameRun(Path a, Path b, String what) throws IOException {
    assertSameRun(a, b, what, true);
  }

  static void assertSameRun(Path a, Path b, String what, boolean sameGenerations) throws IOException {
    RunFolder fa = new RunFolder(a);
    RunFolder fb = new RunFolder(b);
    assertArrayEquals(TrainerTest.params(fa.model()), TrainerTest.params(fb.model()), what + ": parameters");
    assertArrayEquals(TrainerTest.updaterState(fa.model()), TrainerTest.updaterState(fb.model()), what + ": updater state");
    assertEquals(withoutTimes(fa.metrics()), withoutTimes(fb.metrics()), what + ": metrics.jsonl");
    TrainResult ra = fa.readResult();
    TrainResult rb = fb.readResult();
    assertEquals(ra.steps(), rb.steps());
    for (int e = 0; e < ra.epochs().size(); e++) {
      assertEquals(ra.epochs().get(e).trainLoss(), rb.epochs().get(e).trainLoss(), what);
      assertEquals(ra.epochs().get(e).eval().loss(), rb.epochs().get(e).eval().loss(), what);
      assertEquals(ra.epochs().get(e).eval().accuracy(), rb.epochs().get(e).eval().accuracy(), what);
    }
    if (sameGenerations) {
      assertEquals(checkpointFiles(a), checkpointFiles(b), what + ": the same committed generations, nothing uncommitted left");
    }
  }

  static List<String> checkpointFiles(Path run) throws IOException {
    Path dir = new RunFolder(run).checkpointDir();
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
          .filter(n -> !n.endsWith("provenance.json")).sorted().toList();
    }
  }

  /** The metrics log's lines without wall times and throughputs. */
  static List<String> withoutTimes(Path metrics) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(metrics)) {
      JsonNode n = Json.mapper().readTree(line);
      strip(n);
      out.add(n.toString());
    }
    return out;
  }

  private static void strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (name.toLowerCase().contains("second")) {
          it.remove();
        } else {
          strip(o.get(name));
        }
      }
    } else if (n.isArray()) {
      n.forEach(CheckpointFaultTest::strip);
    }
  }

  private static void deleteTree(Path dir, java.util.function.Predicate<Path> which) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir) && which.test(p)) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
