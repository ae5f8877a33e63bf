package dev.slimnas.optimizers.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.bench.NasBenchMacroCodes;
import dev.slimnas.space.search.ArchEncoding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationLogTest {
  @TempDir
  Path dir;

  private static final Map<String, Object> SETTINGS = Map.of("valImages", 1000, "seed", 1L, "fraction", 0.5);

  @Test
  void evaluatesOnceAndResumesFromTheFileCuttingATornLine() throws Exception {
    Path f = dir.resolve("evaluations.jsonl");
    AtomicInteger calls = new AtomicInteger();
    AccuracyEvaluator ev = e -> {
      calls.incrementAndGet();
      return e.ops().get(0) / 10.0;
    };
    EvaluationLog log = new EvaluationLog(f, SETTINGS, NasBenchMacroCodes::code, ev);
    ArchEncoding a = NasBenchMacroCodes.encoding("12012010");
    ArchEncoding b = NasBenchMacroCodes.encoding("22012010");
    assertEquals(0.1, log.accuracy(a));
    assertEquals(0.1, log.accuracy(a));
    assertEquals(0.2, log.accuracy(b));
    assertEquals(2, calls.get());
    Files.writeString(f, "{\"key\":\"0000", StandardCharsets.UTF_8, StandardOpenOption.APPEND); // killed mid-write
    EvaluationLog again = new EvaluationLog(f, SETTINGS, NasBenchMacroCodes::code, ev);
    assertEquals(2, again.entries().size());
    assertEquals(0.2, again.accuracy(b));
    assertEquals(2, calls.get());
    again.accuracy(NasBenchMacroCodes.encoding("00000000"));
    assertEquals(4, Files.readAllLines(f).size());
  }

  @Test
  void refusesAFileMadeWithOtherSettings() {
    Path f = dir.resolve("e.jsonl");
    new EvaluationLog(f, SETTINGS, NasBenchMacroCodes::code, e -> 0.5);
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> new EvaluationLog(f, Map.of("valImages", 2000), NasBenchMacroCodes::code, e -> 0.5));
    assertTrue(ex.getMessage().contains("other settings"));
  }
}
