package dev.slimnas.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.bench.BenchReport;
import dev.slimnas.bench.TrainWorkerTest;
import dev.slimnas.cli.Cli;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTrainCommandTest {

  @Nested
  class BadInput {
    @Test
    void needsAnArchitecture() {
      Cli.Result r = Cli.run("bench", "train");
      assertEquals(2, r.exit(), r::toString);
      assertTrue(r.err().contains("give an architecture"), r::toString);
    }

    @Test
    void rejectsAZeroBatch() {
      Cli.Result r = Cli.run("bench", "train", "--ref", "mobilenetv2-0.25-cifar", "--batch", "0");
      assertEquals(2, r.exit(), r::toString);
      assertEquals(1, r.errLines().size(), r::toString);
      assertTrue(r.err().contains("--batch must be >= 1"), r::toString);
    }

    @Test
    void rejectsProfilingInference() {
      Cli.Result r = Cli.run("bench", "train", "--ref", "mobilenetv2-0.25-cifar", "--mode", "infer", "--profile");
      assertEquals(2, r.exit(), r::toString);
      assertTrue(r.err().contains("--mode infer"), r::toString);
    }

    @Test
    void rejectsAnUnknownMode() {
      Cli.Result r = Cli.run("bench", "train", "--ref", "mobilenetv2-0.25-cifar", "--mode", "fast");
      assertEquals(2, r.exit(), r::toString);
    }
  }

  @Test
  void groupListsTrain() {
    Cli.Result r = Cli.run("bench");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("train"), r.err());
  }

  /** Starts a DL4J worker JVM: slow. Without a usable Python the PyTorch side is skipped with a note. */
  @Test
  @Tag("slow")
  void withoutPytorchMeasuresDl4jAndSaysSo(@TempDir Path dir) throws Exception {
    Path arch = dir.resolve("tiny.json");
    SpecFiles.writeArch(arch, TrainWorkerTest.tiny());
    Path out = dir.resolve("out");
    Cli.Result r = Cli.run("bench", "train", arch.toString(), "--batch", "4", "--rounds", "1", "--steps", "1",
        "--warmup", "0", "--python", dir.resolve("no-such-python").toString(), "--out", out.toString());
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("note: PyTorch side skipped"), r::toString);
    Path file = out.resolve(BenchReport.FILE_NAME);
    JsonNode n = Json.mapper().readTree(Files.readString(file));
    assertEquals(1, n.get("rounds").size());
    assertTrue(n.get("summary").get("dl4j").get("medianImagesPerS").asDouble() > 0);
    assertTrue(n.get("summary").get("medianRatio").isNull());
    assertTrue(Files.exists(Provenance.pathFor(file)));
  }
}
