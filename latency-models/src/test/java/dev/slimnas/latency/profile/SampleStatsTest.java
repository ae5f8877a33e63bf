package dev.slimnas.latency.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SampleStatsTest {
  @Test
  void quantilesInterpolateBetweenOrderStatistics() {
    double[] s = {1, 2, 3, 4};
    assertEquals(1, SampleStats.quantile(s, 0), 0);
    assertEquals(2.5, SampleStats.quantile(s, 0.5), 1e-12);
    assertEquals(1.75, SampleStats.quantile(s, 0.25), 1e-12);
    assertEquals(4, SampleStats.quantile(s, 1), 0);
  }

  @Test
  void dropsValuesOutsideTukeysFences() {
    double[] t = {10, 10.2, 9.9, 10.1, 10, 30, 9.8, 10.3};
    assertArrayEquals(new double[] {10, 10.2, 9.9, 10.1, 10, 9.8, 10.3}, SampleStats.withoutOutliers(t), 0);
    Measurement m = SampleStats.summarize(t);
    assertEquals(10.0, m.ms(), 1e-12);
    assertEquals(7, m.samples());
    assertEquals(1, m.outliers());
    assertEquals(1, m.rounds());
    assertEquals(10.15 - 9.95, m.spreadMs(), 1e-9);
  }

  @Test
  void madIsTheMedianAbsoluteDeviation() {
    assertEquals(1, SampleStats.mad(new double[] {1, 2, 3, 4, 5}), 1e-12);
    assertEquals(3, SampleStats.median(new double[] {5, 1, 3}), 0);
  }

  @Test
  void anyQuantileCanBeTheValue() {
    double[] t = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    assertEquals(2, SampleStats.summarize(t, 0.1).ms(), 1e-12);
    assertEquals(1, SampleStats.summarize(t, 0).ms(), 1e-12);
    assertEquals(5, SampleStats.summarize(t, 0.1).spreadMs(), 1e-12, "the spread stays the IQR");
    assertEquals(0.1, SampleStats.quantileOf("p10"));
    assertEquals(0.5, SampleStats.quantileOf("median"));
    assertEquals(0, SampleStats.quantileOf("min"));
    assertEquals("p10", SampleStats.statisticName(0.1));
    assertThrows(IllegalArgumentException.class, () -> SampleStats.quantileOf("mean"));
  }

  @Test
  void refusesNoTimings() {
    assertThrows(IllegalArgumentException.class, () -> SampleStats.summarize(new double[0]));
  }
}
