package dev.slimnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.UncoveredArchitectureException;
import dev.slimnas.space.json.SpecFileException;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.supernet.data.DataFileException;
import dev.slimnas.space.search.ArchValidationException;
import dev.slimnas.space.spec.ArchSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input exits with 2 and one line naming the problem; bugs exit with 1. */
class ErrorsTest {
  @TempDir
  Path dir;

  /** Asserts exit 2 and exactly one stderr line that starts with the prefix and contains every fragment. */
  static void assertUsageError(Cli.Result r, String... fragments) {
    assertEquals(2, r.exit(), r::toString);
    assertEquals(1, r.errLines().size(), () -> "expected one line: " + r);
    String line = r.errLines().get(0);
    assertTrue(line.startsWith("slimnas: error: "), line);
    for (String f : fragments) {
      assertTrue(line.contains(f), () -> "'" + f + "' missing in: " + line);
    }
    assertTrue(r.out().isEmpty(), r::toString);
  }

  @Nested
  class Files_ {
    @Test
    void missingArchFileIsNamed() {
      Path f = dir.resolve("nope.json");
      assertUsageError(Cli.run("space", "cost", f.toString()), f.toString(), "file not found");
    }

    @Test
    void missingSpaceFileIsNamed() {
      Path f = dir.resolve("space.json");
      assertUsageError(Cli.run("space", "show", f.toString()), f.toString(), "file not found");
    }

    @Test
    void malformedJsonGivesLineAndColumn() throws IOException {
      Path f = dir.resolve("bad.json");
      Files.writeString(f, "{\n  \"schema\": \"slimnas.arch\",\n  \"version\": 1,\n  \"name\" \"x\"\n}\n");
      assertUsageError(Cli.run("space", "cost", f.toString()), f.toString(), "line 4, column");
    }

    @Test
    void unknownFieldIsNamedWithItsPath() throws IOException {
      Path f = dir.resolve("arch.json");
      Files.writeString(f, SpecFiles.archJson(ReferenceNetworks.mobileNetV2(1.0)).replace("\"dropout\"", "\"colour\" : 1, \"dropout\""));
      assertUsageError(Cli.run("latency", "predict", "--device", "macs", f.toString()), f.toString(), "$.head",
          "unknown field 'colour'");
    }
  }

  @Nested
  class Membership {
    @Test
    void archOutsideSpaceNamesBlockAndRule() throws IOException {
      ArchSpec max = dev.slimnas.space.search.SearchSpaces.singlePathNas().max();
      Path f = dir.resolve("k7.json");
      // block 2 (stage 1, position 1) gets an op the space does not allow
      Files.writeString(f, SpecFiles.archJson(max).replaceFirst(
          "(?s)(\"op\" : \"k5e6\".*?)\"op\" : \"k5e6\"", "$1\"op\" : \"k7e6\""));
      Cli.Result r = Cli.run("space", "cost", f.toString(), "--space", "spnas-224");
      assertUsageError(r, f.toString(), "block 2 (stage 1, position 1)", "k7e6");
    }

    @Test
    void referenceOutsideSpaceNamesTheRule() {
      assertUsageError(Cli.run("space", "cost", "--ref", "mobilenetv2-1.0-224", "--space", "spnas-224"),
          "not in space 'spnas-224'", "stage 1 must have 4 blocks");
    }
  }

  @Nested
  class Latency {
    @Test
    void unknownDeviceListsTheKnownOnes() {
      assertUsageError(Cli.run("latency", "predict", "--device", "pixel9", "--ref", "spnas-final-224"),
          "unknown device 'pixel9'", "pixel1-singlepath");
    }

    @Test
    void uncoveredArchitectureIsAUsageError() {
      assertUsageError(Cli.run("latency", "predict", "--device", "pixel1-singlepath", "--ref", "mobilenetv2-1.0-224"),
          "pixel1-singlepath", "22 blocks");
    }

    @Test
    void uncoveredBlockIsNamed() {
      assertUsageError(Cli.run("latency", "predict", "--device", "pixel1-singlepath", "--ref", "spnas-final-cifar"),
          "pixel1-singlepath", "224x224");
    }
  }

  @Nested
  class Options {
    @Test
    void unknownOptionIsAUsageError() {
      assertUsageError(Cli.run("space", "list", "--colour"), "--colour", "slimnas space list --help");
    }

    @Test
    void archFileAndRefTogetherAreRejected() {
      assertUsageError(Cli.run("space", "cost", "a.json", "--ref", "spnas-final-224"), "not both");
    }

    @Test
    void unknownReferenceListsTheKnownOnes() {
      assertUsageError(Cli.run("space", "cost", "--ref", "resnet50"), "resnet50", "spnas-final-224");
    }

    @Test
    void unknownSpaceListsTheBuiltIns() {
      assertUsageError(Cli.run("space", "show", "spnas"), "unknown space 'spnas'", "spnas-cifar");
    }

    @Test
    void badEnumValueListsTheChoices() {
      assertUsageError(Cli.run("space", "sample", "spnas-cifar", "--mode", "median"), "uniform, min, max");
    }

    @Test
    void verbosePrintsTheStackTrace() {
      Cli.Result r = Cli.run("space", "cost", "--ref", "resnet50", "--verbose");
      assertEquals(2, r.exit());
      assertTrue(r.err().startsWith("slimnas: error: unknown reference network"), r.err());
      assertTrue(r.err().contains("\tat dev.slimnas.cli."), r.err());
    }
  }

  @Nested
  class Data {
    @Test
    void aMissingDataArchiveIsBadInputNamingTheFile() {
      // --epochs 1 passes the option checks (the default warm-up adapts to the short run) and reaches the data
      assertUsageError(Cli.runWithData(dir, "train", "--ref", "mobilenetv2-0.25-cifar", "--epochs", "1", "--out",
          dir.resolve("run").toString()), dir.resolve("cifar10").toString(), "is missing");
    }
  }

  @Nested
  class Sizes {
    @Test
    void aNetworkTooLargeForMemoryIsRefusedBeforeAnyWork() {
      ArchSpec a = ReferenceNetworks.mobileNetV2Cifar(0.25);
      var stages = new java.util.ArrayList<>(a.stages());
      stages.set(stages.size() - 1, stages.get(stages.size() - 1).withOut(dev.slimnas.space.spec.Channels.MAX));
      Path f = dir.resolve("huge.json");
      SpecFiles.writeArch(f, a.withStages(stages));
      Path run = dir.resolve("run");
      assertUsageError(Cli.run("train", f.toString(), "--epochs", "1", "--out", run.toString()), "is too large to train here",
          "is available");
      assertFalse(Files.exists(run), "no run folder is left behind");
    }
  }

  @Nested
  class SearchOptions {
    private Cli.Result search(String... extra) {
      java.util.List<String> args = new java.util.ArrayList<>(List.of("search", "--out", dir.resolve("run").toString()));
      args.addAll(List.of(extra));
      return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aBudgetInMillisecondsOnADeviceThatPredictsMacsIsRefused() {
      assertUsageError(search("--device", "macs", "--budget-ms", "70"), "device 'macs' predicts", "not milliseconds");
      assertFalse(Files.exists(dir.resolve("run")));
    }

    @Test
    void epochsAndWarmUpAreCheckedTogether() {
      assertUsageError(search("--epochs", "1"), "--epochs 1 with 1 warm-up epoch(s) (the default) leaves no search epoch");
      assertUsageError(search("--epochs", "2", "--warmup-epochs", "2"), "--epochs 2 with 2 warm-up epoch(s) leaves no search epoch");
      // --epochs 1 --warmup-epochs 0 is valid: it gets past the options and stops at the data (none here)
      assertUsageError(Cli.runWithData(dir, "search", "--out", dir.resolve("run").toString(), "--epochs", "1",
          "--warmup-epochs", "0"), "is missing");
    }

    @Test
    void aSpaceThatCannotTrainOnCifarIsRefusedBeforeAnyWork() {
      assertUsageError(search("--space", "spnas-224"), "--space spnas-224 takes 224x224 input", "--deployment-space");
      assertFalse(Files.exists(dir.resolve("run")));
    }
  }

  @Nested
  class TrainOptions {
    @Test
    void epochsWithinTheWarmUpOfAConfigFileNameTheOptionAndTheFile() throws IOException {
      Path config = dir.resolve("train.json");
      Files.writeString(config, dev.slimnas.supernet.train.TrainConfig.cifarDefaults().toJson());
      assertUsageError(Cli.run("train", "--ref", "mobilenetv2-0.25-cifar", "--config", config.toString(), "--epochs", "1",
          "--out", dir.resolve("run").toString()), "--epochs 1", config.toString(), "warmupEpochs = 1.0");
    }
  }

  @Nested
  class ExitCodeMapping {
    @Test
    void badInputIsTwo() {
      for (RuntimeException e : List.of(new SpecFileException("f: x"), new IllegalArgumentException("x"),
          new UncoveredArchitectureException("x"), new ArchValidationException("a", "s", List.of("r")),
          new UncheckedIOException(new IOException("x")), new DataFileException("f: missing"))) {
        assertEquals(ExitCodes.USAGE, ErrorHandler.exitCode(e), e.getClass().getName());
      }
    }

    @Test
    void bugsAreOne() {
      assertEquals(ExitCodes.INTERNAL, ErrorHandler.exitCode(new IllegalStateException("x")));
      assertEquals(ExitCodes.INTERNAL, ErrorHandler.exitCode(new NullPointerException()));
    }

    @Test
    void verboseStopsAtEndOfOptions() {
      assertTrue(ErrorHandler.verbose(new String[] {"space", "--verbose"}));
      assertFalse(ErrorHandler.verbose(new String[] {"space", "--", "--verbose"}));
      assertFalse(ErrorHandler.verbose(null));
    }
  }
}
