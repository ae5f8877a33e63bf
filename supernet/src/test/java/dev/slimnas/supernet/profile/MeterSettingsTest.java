package dev.slimnas.supernet.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MeterSettingsTest {
  @ParameterizedTest
  @EnumSource(Clock.class)
  void clocksRoundTripTheirIdsAndWorkHere(Clock c) {
    assertEquals(c, Clock.of(c.id()));
    c.check();
  }

  @Test
  void unknownClocksAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Clock.of("sundial"));
  }

  @Test
  void statisticNamesFollowTheQuantile() {
    MeterSettings s = MeterSettings.defaults();
    assertEquals("median", s.statistic());
    assertEquals("p10", s.withQuantile(0.1).statistic());
    assertEquals("min", s.withQuantile(0).statistic());
    assertEquals(Clock.THREAD_CPU, s.withClock(Clock.THREAD_CPU).clock());
    assertEquals(8, s.withBatch(8).batch());
  }

  @Test
  void quickKeepsBatchClockAndQuantile() {
    MeterSettings q = MeterSettings.defaults().withBatch(4).withClock(Clock.THREAD_CPU).withQuantile(0.1).quick();
    assertEquals(4, q.batch());
    assertEquals(Clock.THREAD_CPU, q.clock());
    assertEquals(0.1, q.quantile());
    assertEquals(1, q.maxRounds());
  }

  @Test
  void rejectsImpossibleSettings() {
    assertThrows(IllegalArgumentException.class, () -> MeterSettings.defaults().withBatch(0));
    assertThrows(IllegalArgumentException.class, () -> MeterSettings.defaults().withQuantile(1.5));
    assertThrows(IllegalArgumentException.class,
        () -> new MeterSettings(1, 1, 0, 2, 10, 0, 0.1, 1, 1, Clock.WALL, 0.5));
  }
}
