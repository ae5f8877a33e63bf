package dev.slimnas.supernet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.json.SpecFileException;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrainConfigTest {
  static final TrainConfig RMSPROP = new TrainConfig(350, 64, new Optimizer.RmsProp(0.016, 0.9, 1e-3, 0.9),
      new LrSchedule.Exponential(5, 0.97, 2.4), 0.1, 1e-5, 42, 500, 5);

  /** Version 1 as written by the first release; must stay readable. */
  static final String GOLDEN_V1 = """
      {
        "batchSize" : 64,
        "checkpointEverySteps" : 500,
        "epochs" : 350,
        "evaluateEveryEpochs" : 5,
        "labelSmoothing" : 0.1,
        "optimizer" : {
          "decay" : 0.9,
          "epsilon" : 0.001,
          "lr" : 0.016,
          "momentum" : 0.9,
          "type" : "rmsprop"
        },
        "schedule" : {
          "everyEpochs" : 2.4,
          "factor" : 0.97,
          "type" : "exponential",
          "warmupEpochs" : 5.0
        },
        "schema" : "slimnas.train",
        "seed" : 42,
        "version" : 1,
        "weightDecay" : 1.0E-5
      }
      """;

  static Stream<TrainConfig> configs() {
    TrainConfig d = TrainConfig.cifarDefaults();
    return Stream.of(d, RMSPROP, d.withOptimizer(new Optimizer.Sgd(0.05, 0, false)),
        d.withSchedule(new LrSchedule.Exponential(0, 0.97, 2.4)), RMSPROP.withSchedule(new LrSchedule.Cosine(0.5, 0.01)));
  }

  @Nested
  class Json {
    @ParameterizedTest
    @MethodSource("dev.slimnas.supernet.train.TrainConfigTest#configs")
    void roundTripsThroughItsVersionedDocument(TrainConfig c, @TempDir Path tmp) {
      assertEquals(c, TrainConfig.parse(c.toJson(), "test"));
      Path f = tmp.resolve("train.json");
      c.write(f);
      assertEquals(c, TrainConfig.read(f));
    }

    @Test
    void readsTheVersion1GoldenDocument() {
      assertEquals(RMSPROP, TrainConfig.parse(GOLDEN_V1, "golden"));
      assertEquals(GOLDEN_V1, RMSPROP.toJson());
    }

    @Test
    void namesTheOptimizerAndScheduleByAType() {
      String json = TrainConfig.cifarDefaults().toJson();
      assertTrue(json.contains("\"type\" : \"sgd\"") && json.contains("\"type\" : \"cosine\""), json);
    }

    @Test
    void adamRoundTrips() {
      TrainConfig c = TrainConfig.cifarDefaults().withOptimizer(new Optimizer.Adam(0.01, 0, 0.99, 1e-8));
      assertEquals(c, TrainConfig.parse(c.toJson(), "adam.json"));
    }

    @Test
    void rejectsAnUnknownOptimizerType() {
      String bad = GOLDEN_V1.replace("\"rmsprop\"", "\"adagrad\"");
      SpecFileException e = assertThrows(SpecFileException.class, () -> TrainConfig.parse(bad, "bad.json"));
      assertTrue(e.getMessage().startsWith("bad.json") && e.getMessage().contains("adagrad"), e.getMessage());
    }

    @Test
    void rejectsUnknownFields() {
      String bad = GOLDEN_V1.replace("\"seed\" : 42,", "\"seed\" : 42, \"sead\" : 1,");
      SpecFileException e = assertThrows(SpecFileException.class, () -> TrainConfig.parse(bad, "bad.json"));
      assertTrue(e.getMessage().contains("unknown field 'sead'"), e.getMessage());
    }

    @Test
    void reportsAnInvalidValueWithTheFieldName() {
      String bad = GOLDEN_V1.replace("\"labelSmoothing\" : 0.1", "\"labelSmoothing\" : 1.5");
      SpecFileException e = assertThrows(SpecFileException.class, () -> TrainConfig.parse(bad, "bad.json"));
      assertTrue(e.getMessage().startsWith("bad.json") && e.getMessage().contains("labelSmoothing must be in [0.0, 1.0), got 1.5"),
          e.getMessage());
    }

    @Test
    void rejectsAnotherSchema() {
      String bad = GOLDEN_V1.replace("slimnas.train", "slimnas.arch");
      assertThrows(SpecFileException.class, () -> TrainConfig.parse(bad, "bad.json"));
    }

    @Test
    void fingerprintChangesWithAnyField() {
      TrainConfig d = TrainConfig.cifarDefaults();
      assertEquals(d.fingerprint(), TrainConfig.cifarDefaults().fingerprint());
      assertNotEquals(d.fingerprint(), d.withSeed(2).fingerprint());
      assertNotEquals(d.fingerprint(), d.withOptimizer(d.optimizer().withLr(0.2)).fingerprint());
      assertNotEquals(d.fingerprint(), d.withSchedule(new LrSchedule.Cosine(2, 0)).fingerprint());
    }
  }

  static Stream<Arguments> invalid() {
    TrainConfig d = TrainConfig.cifarDefaults();
    return Stream.of(
        Arguments.of("epochs", (Supplier<?>) () -> d.withEpochs(0)),
        Arguments.of("batchSize", (Supplier<?>) () -> d.withBatchSize(0)),
        Arguments.of("labelSmoothing", (Supplier<?>) () -> d.withLabelSmoothing(-0.1)),
        Arguments.of("labelSmoothing", (Supplier<?>) () -> d.withLabelSmoothing(1)),
        Arguments.of("weightDecay", (Supplier<?>) () -> d.withWeightDecay(-1e-5)),
        Arguments.of("weightDecay", (Supplier<?>) () -> d.withWeightDecay(Double.NaN)),
        Arguments.of("checkpointEverySteps", (Supplier<?>) () -> d.withCheckpointEverySteps(-1)),
        Arguments.of("evaluateEveryEpochs", (Supplier<?>) () -> d.withEvaluateEveryEpochs(-1)),
        Arguments.of("schedule.warmupEpochs", (Supplier<?>) () -> d.withEpochs(1)),
        Arguments.of("optimizer", (Supplier<?>) () -> d.withOptimizer(null)),
        Arguments.of("schedule", (Supplier<?>) () -> d.withSchedule(null)),
        Arguments.of("optimizer.lr", (Supplier<?>) () -> new Optimizer.Sgd(0, 0.9, true)),
        Arguments.of("optimizer.momentum", (Supplier<?>) () -> new Optimizer.Sgd(0.1, 1, true)),
        Arguments.of("optimizer.lr", (Supplier<?>) () -> new Optimizer.RmsProp(Double.POSITIVE_INFINITY, 0.9, 1e-3, 0.9)),
        Arguments.of("optimizer.decay", (Supplier<?>) () -> new Optimizer.RmsProp(0.1, 1, 1e-3, 0.9)),
        Arguments.of("optimizer.epsilon", (Supplier<?>) () -> new Optimizer.RmsProp(0.1, 0.9, 0, 0.9)),
        Arguments.of("optimizer.momentum", (Supplier<?>) () -> new Optimizer.RmsProp(0.1, 0.9, 1e-3, -0.1)),
        Arguments.of("schedule.warmupEpochs", (Supplier<?>) () -> new LrSchedule.Cosine(-1, 0)),
        Arguments.of("schedule.finalLrFraction", (Supplier<?>) () -> new LrSchedule.Cosine(1, 1)),
        Arguments.of("schedule.factor", (Supplier<?>) () -> new LrSchedule.Exponential(1, 0, 2.4)),
        Arguments.of("schedule.factor", (Supplier<?>) () -> new LrSchedule.Exponential(1, 1.1, 2.4)),
        Arguments.of("schedule.everyEpochs", (Supplier<?>) () -> new LrSchedule.Exponential(1, 0.97, 0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsAnInvalidFieldNamingIt(String field, Supplier<?> make) {
    RuntimeException e = assertThrows(RuntimeException.class, make::get);
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }

  @Test
  void cifarDefaultsAreSgdNesterovCosineWithOneWarmupEpoch() {
    TrainConfig d = TrainConfig.cifarDefaults();
    assertEquals(new Optimizer.Sgd(0.1, 0.9, true), d.optimizer());
    assertEquals(new LrSchedule.Cosine(1, 0), d.schedule());
    assertEquals(128, d.batchSize());
    assertEquals(0.1, d.labelSmoothing());
    assertTrue(d.weightDecay() >= 4e-5 && d.weightDecay() <= 5e-5);
  }

  @Test
  void evaluatesEveryKthEpochAndAlwaysTheLast() {
    TrainConfig c = TrainConfig.cifarDefaults().withEpochs(10).withEvaluateEveryEpochs(4);
    assertFalse(c.evaluatesAfter(0));
    assertTrue(c.evaluatesAfter(3));
    assertTrue(c.evaluatesAfter(7));
    assertFalse(c.evaluatesAfter(8));
    assertTrue(c.evaluatesAfter(9));
    TrainConfig onlyLast = c.withEvaluateEveryEpochs(0);
    assertFalse(onlyLast.evaluatesAfter(3));
    assertTrue(onlyLast.evaluatesAfter(9));
  }
}
