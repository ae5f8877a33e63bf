package dev.slimnas.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BenchStatsTest {

  static SideResult dl4j(double rate, long params, double rss) {
    return new SideResult(SideResult.DL4J, rate, params, rss, Map.of());
  }

  static SideResult torch(double rate, long params, double rss) {
    return new SideResult(SideResult.PYTORCH, rate, params, rss, Map.of("torch", "1.13.0"));
  }

  static RoundResult round(int n, double dl4jRate, double torchRate) {
    return RoundResult.of(n, RoundResult.orderFor(n - 1, true), dl4j(dl4jRate, 1000, 1400), torch(torchRate, 1000, 600));
  }

  @Nested
  class Median {
    @Test
    void ofAnOddCountIsTheMiddleValue() {
      assertEquals(3.0, BenchStats.median(List.of(5.0, 1.0, 3.0)));
    }

    @Test
    void ofAnEvenCountIsTheMeanOfTheMiddleTwo() {
      assertEquals(2.5, BenchStats.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }

    @Test
    void ofOneValueIsThatValue() {
      assertEquals(7.0, BenchStats.median(List.of(7.0)));
    }

    @Test
    void ofNoValuesIsAnError() {
      assertThrows(IllegalArgumentException.class, () -> BenchStats.median(List.of()));
    }
  }

  @Nested
  class Rounds {
    @Test
    void ratioIsDl4jOverPytorch() {
      assertEquals(0.25, round(1, 50, 200).ratio(), 1e-12);
    }

    @Test
    void orderAlternatesStartingWithDl4j() {
      assertEquals(List.of("dl4j", "pytorch"), RoundResult.orderFor(0, true));
      assertEquals(List.of("pytorch", "dl4j"), RoundResult.orderFor(1, true));
      assertEquals(List.of("dl4j", "pytorch"), RoundResult.orderFor(2, true));
      assertEquals(List.of("dl4j"), RoundResult.orderFor(1, false));
    }

    @Test
    void aRoundWithoutPytorchHasNoRatio() {
      RoundResult r = RoundResult.of(1, List.of("dl4j"), dl4j(50, 1, 1), null);
      assertNull(r.ratio());
    }

    @Test
    void rejectsNonPositiveThroughput() {
      assertThrows(IllegalArgumentException.class, () -> dl4j(0, 1, 1));
      assertThrows(IllegalArgumentException.class, () -> dl4j(Double.NaN, 1, 1));
    }
  }

  @Nested
  class Summaries {
    @Test
    void medianRatioIsTheMedianOfPerRoundRatiosNotTheRatioOfMedians() {
      // per-round ratios 0.5, 0.25, 0.2 -> median 0.25; medians 60 / 200 would give 0.3
      List<RoundResult> rounds = List.of(round(1, 50, 100), round(2, 60, 240), round(3, 70, 350));
      BenchStats.Summary s = BenchStats.summarize(rounds);
      assertEquals(List.of(0.5, 0.25, 0.2), s.ratios());
      assertEquals(0.25, s.medianRatio(), 1e-12);
      assertEquals(60, s.dl4j().medianImagesPerS(), 1e-12);
      assertEquals(240, s.pytorch().medianImagesPerS(), 1e-12);
      assertEquals(50, s.dl4j().minImagesPerS(), 1e-12);
      assertEquals(350, s.pytorch().maxImagesPerS(), 1e-12);
    }

    @Test
    void peakRssHasMedianAndMaximumPerSide() {
      List<RoundResult> rounds = List.of(
          RoundResult.of(1, List.of("dl4j", "pytorch"), dl4j(1, 10, 1000), torch(2, 10, 500)),
          RoundResult.of(2, List.of("pytorch", "dl4j"), dl4j(1, 10, 1600), torch(2, 10, 520)),
          RoundResult.of(3, List.of("dl4j", "pytorch"), dl4j(1, 10, 1200), torch(2, 10, 510)));
      BenchStats.Summary s = BenchStats.summarize(rounds);
      assertEquals(1200, s.dl4j().medianPeakRssMb(), 1e-12);
      assertEquals(1600, s.dl4j().maxPeakRssMb(), 1e-12);
      assertEquals(510, s.pytorch().medianPeakRssMb(), 1e-12);
      assertTrue(s.paramsEqual());
    }

    @Test
    void unequalParameterCountsAreFlagged() {
      RoundResult r = RoundResult.of(1, List.of("dl4j", "pytorch"), dl4j(1, 10, 1), torch(2, 11, 1));
      assertFalse(BenchStats.summarize(List.of(r)).paramsEqual());
    }

    @Test
    void withoutPytorchThereIsNoRatio() {
      BenchStats.Summary s = BenchStats.summarize(List.of(RoundResult.of(1, List.of("dl4j"), dl4j(40, 1, 1), null)));
      assertNull(s.pytorch());
      assertNull(s.medianRatio());
      assertTrue(s.ratios().isEmpty());
      assertEquals(40, s.dl4j().medianImagesPerS(), 1e-12);
    }

    @Test
    void rejectsRoundsWithAndWithoutPytorchMixed() {
      List<RoundResult> rounds = List.of(round(1, 1, 2), RoundResult.of(2, List.of("dl4j"), dl4j(1, 1000, 1), null));
      assertThrows(IllegalArgumentException.class, () -> BenchStats.summarize(rounds));
    }

    @Test
    void sidesWithLittleCpuPerWallCountAsContended() {
      SideResult busy = new SideResult(SideResult.DL4J, 10, 1, 1, Map.of("cpu_per_wall", 1.1));
      SideResult quiet = new SideResult(SideResult.PYTORCH, 100, 1, 1, Map.of("cpu_per_wall", 1.95));
      SideResult unknown = new SideResult(SideResult.DL4J, 10, 1, 1, Map.of());
      List<RoundResult> rounds = List.of(RoundResult.of(1, List.of("dl4j", "pytorch"), busy, quiet),
          RoundResult.of(2, List.of("pytorch", "dl4j"), unknown, quiet));
      assertEquals(List.of("round 1 dl4j"), BenchStats.contended(rounds, 2));
      assertEquals(List.of(2), BenchStats.uncontended(rounds, 2).stream().map(RoundResult::round).toList());
      assertEquals(List.of(), BenchStats.contended(rounds, 1));
    }

    @Test
    void rejectsNoRounds() {
      assertThrows(IllegalArgumentException.class, () -> BenchStats.summarize(List.of()));
    }
  }
}
