package dev.slimnas.latency.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ErrorStatsTest {
  @Test
  void computesPercentagesRmseAndShares() {
    ErrorStats s = ErrorStats.of(new double[] {10, 20, 40, 80}, new double[] {11, 19, 40, 60});
    assertEquals(4, s.n());
    assertEquals((10 + 5 + 0 + 25) / 4.0, s.mapePct(), 1e-12);
    assertEquals(25, s.maxAbsPct(), 1e-12);
    assertEquals(Math.sqrt((1 + 1 + 0 + 400) / 4.0), s.rmseMs(), 1e-12);
    assertEquals(75, s.within10Pct(), 1e-12);
    assertEquals(50, s.within5Pct(), 1e-12);
    assertEquals((10 - 5 + 0 - 25) / 4.0, s.biasPct(), 1e-12);
    assertEquals(1.0, s.spearman(), 1e-12);
  }

  @Test
  void spearmanUsesAverageRanksForTies() {
    assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, ErrorStats.ranks(new double[] {1, 5, 5, 9}), 1e-12);
    assertEquals(-1.0, ErrorStats.spearman(new double[] {1, 2, 3}, new double[] {30, 20, 10}), 1e-12);
  }

  @Test
  void rejectsEmptyOrMismatchedInput() {
    assertThrows(IllegalArgumentException.class, () -> ErrorStats.of(new double[0], new double[0]));
    assertThrows(IllegalArgumentException.class, () -> ErrorStats.of(new double[] {1}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> ErrorStats.of(new double[] {0}, new double[] {1}));
  }
}
