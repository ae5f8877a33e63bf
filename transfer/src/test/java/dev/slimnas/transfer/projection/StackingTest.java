package dev.slimnas.transfer.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StackingTest {

  /** Proxy ratios at the relative depths of a stage of {@code ratios.length} blocks. */
  static List<UnitRatio> proxy(double... ratios) {
    List<UnitRatio> out = new ArrayList<>();
    for (int i = 0; i < ratios.length; i++) {
      out.add(UnitRatio.sample(RelativeDepth.of(i, ratios.length), ratios[i]));
    }
    return out;
  }

  static double[] stack(Stacking s, List<UnitRatio> proxy, int targetBlocks) {
    double[] out = new double[targetBlocks];
    for (int i = 0; i < targetBlocks; i++) {
      out[i] = s.ratio(proxy, RelativeDepth.of(i, targetBlocks));
    }
    return out;
  }

  static List<Stacking> all() {
    return Stacking.all();
  }

  @Test
  void relativeDepthIsTheCentreOfTheBlocksSlot() {
    assertEquals(0.125, RelativeDepth.of(0, 4));
    assertEquals(0.875, RelativeDepth.of(3, 4));
    assertEquals(0.5, RelativeDepth.of(0, 1));
    assertThrows(IllegalArgumentException.class, () -> RelativeDepth.of(4, 4));
  }

  @Nested
  class Nearest {
    @Test
    void twoProxyBlocksOntoFour() {
      assertArrayEquals(new double[] {0.5, 0.5, 1.0, 1.0}, stack(Stacking.NEAREST, proxy(0.5, 1.0), 4), 1e-12);
    }

    @Test
    void twoProxyBlocksOntoThreeBreaksTheTieTowardsTheShallowerBlock() {
      assertArrayEquals(new double[] {0.5, 0.5, 1.0}, stack(Stacking.NEAREST, proxy(0.5, 1.0), 3), 1e-12);
    }

    @Test
    void threeProxyBlocksOntoEight() {
      // target depths 1/16, 3/16, ..., 15/16; proxy depths 1/6, 1/2, 5/6: boundaries at 1/3 and 2/3
      assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.5, 0.5, 0.75, 0.75, 0.75},
          stack(Stacking.NEAREST, proxy(0.25, 0.5, 0.75), 8), 1e-12);
    }

    @Test
    void fourProxyBlocksOntoTwoTakeTheShallowerOfEachPair() {
      assertArrayEquals(new double[] {0.25, 0.75}, stack(Stacking.NEAREST, proxy(0.25, 0.5, 0.75, 1.0), 2), 1e-12);
    }
  }

  @Nested
  class Linear {
    @Test
    void twoProxyBlocksOntoFour() {
      assertArrayEquals(new double[] {0.5, 0.625, 0.875, 1.0}, stack(Stacking.LINEAR, proxy(0.5, 1.0), 4), 1e-12);
    }

    @Test
    void twoProxyBlocksOntoThree() {
      assertArrayEquals(new double[] {0.5, 0.75, 1.0}, stack(Stacking.LINEAR, proxy(0.5, 1.0), 3), 1e-12);
    }

    @Test
    void fourProxyBlocksOntoTwoAverageNeighbours() {
      assertArrayEquals(new double[] {0.375, 0.875}, stack(Stacking.LINEAR, proxy(0.25, 0.5, 0.75, 1.0), 2), 1e-12);
    }

    @Test
    void oneProxyBlockIsConstant() {
      assertArrayEquals(new double[] {0.6, 0.6, 0.6}, stack(Stacking.LINEAR, proxy(0.6), 3), 1e-12);
    }
  }

  @ParameterizedTest
  @MethodSource("all")
  void equalLengthsMapBlockToBlock(Stacking s) {
    double[] r = {0.3, 0.9, 0.4, 0.7};
    assertArrayEquals(r, stack(s, proxy(r), 4), 1e-12);
  }

  @ParameterizedTest
  @MethodSource("all")
  void staysWithinTheProxysRange(Stacking s) {
    double[] out = stack(s, proxy(0.3, 0.9, 0.4), 11);
    for (double v : out) {
      assertTrue(v >= 0.3 - 1e-12 && v <= 0.9 + 1e-12, String.valueOf(v));
    }
  }

  @ParameterizedTest
  @MethodSource("all")
  void parsesItsOwnCode(Stacking s) {
    assertEquals(s, Stacking.parse(s.code()));
    assertEquals(s, Stacking.parse(" " + s.code().toUpperCase() + " "));
  }

  @Test
  void unknownCodeNamesTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Stacking.parse("cubic"));
    assertTrue(e.getMessage().contains("nearest") && e.getMessage().contains("linear"), e.getMessage());
  }
}
