package dev.slimnas.space.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChannelsTest {
  @ParameterizedTest
  @CsvSource({"32,32", "24,24", "12,16", "18,24", "5.6,8", "1,8", "1280,1280", "36,40", "100,104", "43,40", "44,48"})
  void roundsLikeMobileNetV2(double value, int expected) {
    assertEquals(expected, Channels.makeDivisible(value));
  }

  @Test
  void neverBelowNinetyPercent() {
    for (double v = 1; v < 2000; v += 0.37) {
      int c = Channels.makeDivisible(v);
      assertTrue(c >= 0.9 * v, v + " -> " + c);
      assertEquals(0, c % 8);
    }
  }

  @Test
  void rejectsNonPositive() {
    assertThrows(IllegalArgumentException.class, () -> Channels.makeDivisible(0));
    assertThrows(IllegalArgumentException.class, () -> Channels.makeDivisible(-3));
    assertThrows(IllegalArgumentException.class, () -> Channels.makeDivisible(8, 0));
  }
}
