package dev.slimnas.supernet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
  @Test
  void truncatingForAResumeKeepsOnlyLinesBeforeTheCheckpoint(@TempDir Path tmp) throws IOException {
    Path f = tmp.resolve("metrics.jsonl");
    Files.write(f, List.of(
        "{\"kind\":\"header\",\"schema\":\"slimnas.metrics\",\"version\":1}",
        "{\"kind\":\"step\",\"step\":0,\"epoch\":0}",
        "{\"kind\":\"step\",\"step\":1,\"epoch\":0}",
        "{\"kind\":\"epoch\",\"epoch\":0}",
        "{\"kind\":\"step\",\"step\":2,\"epoch\":1}",
        "{\"kind\":\"step\",\"step\":3,\"epoch\":1}",
        "{\"kind\":\"epoch\",\"epoch\":1}",
        "{\"kind\":\"end\"}",
        "{\"kind\":\"step\",\"st"));
    TrainState at = new TrainState(1, 1, 3, 2, EpochTotals.ZERO, List.of(), 0, "f");
    MetricsLog.truncate(f, at);
    assertEquals(List.of(
        "{\"kind\":\"header\",\"schema\":\"slimnas.metrics\",\"version\":1}",
        "{\"kind\":\"step\",\"step\":0,\"epoch\":0}",
        "{\"kind\":\"step\",\"step\":1,\"epoch\":0}",
        "{\"kind\":\"epoch\",\"epoch\":0}",
        "{\"kind\":\"step\",\"step\":2,\"epoch\":1}"), Files.readAllLines(f));
  }
}
