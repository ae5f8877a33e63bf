package dev.slimnas.supernet.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchTraceTest {
  @TempDir
  Path dir;

  private static TraceStep step(long i) {
    TraceStep.TraceBlock b = new TraceStep.TraceBlock(1, "k5e6", new double[] {1, 1, 1, 0}, new double[] {0.4, 0.4, 0.3, 0},
        new double[] {0, 0.01 * i, -0.02, 0});
    return new TraceStep(i, (int) (i / 3), i < 3 ? "warmup" : "search", 2.3 - 0.1 * i, 0.1, 0.004, i < 3 ? 0 : 0.02,
        0.02 + i, 131.5 - i, 130.5 - i, "k3e1,k5e6", List.of(b));
  }

  private SearchTrace trace(int steps) {
    SearchTrace t = new SearchTrace(dir.resolve("trace.jsonl"));
    t.start(Map.of("searchFingerprint", "abc"));
    for (int i = 0; i < steps; i++) {
      t.append(step(i));
    }
    return t;
  }

  @Test
  void stepsRoundTrip() {
    List<TraceStep> steps = trace(5).steps();
    assertEquals(5, steps.size());
    TraceStep s = steps.get(4);
    assertEquals(4, s.step());
    assertEquals("search", s.phase());
    assertEquals(127.5, s.latencyMs());
    assertEquals(0.04, s.blocks().get(0).thresholds()[1], 1e-15);
  }

  @Test
  void truncateKeepsWhatACheckpointHasSeenAndDropsATornLine() throws Exception {
    SearchTrace t = trace(6);
    Files.writeString(t.file(), "{\"kind\":\"step\",\"step\":6,\"epo", StandardOpenOption.APPEND);
    TraceStep last = t.truncateTo(4);
    assertEquals(3, last.step());
    assertEquals(4, t.steps().size());
    assertTrue(Files.readString(t.file()).startsWith("{") && Files.readString(t.file()).contains("\"kind\":\"header\""));
    assertNull(t.truncateTo(0), "nothing before step 0");
    assertEquals(0, t.steps().size());
  }

  @Test
  void csvHasOneRowPerStepAndTheBlockColumns() throws Exception {
    SearchTrace t = trace(3);
    Path csv = dir.resolve("trace.csv");
    t.writeCsv(csv);
    List<String> lines = Files.readAllLines(csv);
    assertEquals(4, lines.size());
    assertEquals("step,epoch,phase,ce,accuracy,lr,lambda,latency_ms,soft_latency_ms,b1_op,b1_t_keep,b1_t_e6,b1_t_k5,b1_t_se", lines.get(0));
    assertTrue(lines.get(3).startsWith("2,0,warmup,2.100000,"), lines.get(3));
  }

  @Test
  void aCorruptLineNamesTheFileAndLine() throws Exception {
    SearchTrace t = trace(2);
    Files.writeString(t.file(), "not json\n", StandardOpenOption.APPEND);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, t::steps);
    assertTrue(e.getMessage().contains("trace.jsonl:4"), e.getMessage());
  }

  @Test
  void resumingWithoutATraceIsAClearError() {
    SearchTrace t = new SearchTrace(dir.resolve("missing.jsonl"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.truncateTo(3));
    assertTrue(e.getMessage().contains("missing.jsonl"));
  }
}
