package dev.slimnas.supernet.slim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpaces;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Uniform sampling of ops and widths for the sandwich rule: seeded, deterministic, uniform. */
class UniformArchSamplerTest {
  private final JointFamily family = JointFamily.of(SearchSpaces.get("spnas-cifar", 0.25)).withRange(0.5, 1.0);

  @Test
  void isAPureFunctionOfSeedAndStep() {
    UniformArchSampler a = new UniformArchSampler(family, 3, 42);
    assertEquals(a.sample(7), new UniformArchSampler(family, 3, 42).sample(7));
    assertNotEquals(a.sample(7), a.sample(8));
    assertNotEquals(a.sample(7), new UniformArchSampler(family, 3, 43).sample(7));
    List<ArchEncoding> s = a.sample(7);
    assertEquals(4, s.size());
    assertEquals(family.smallest(), s.get(0), "the smallest network comes first");
  }

  @Test
  void drawsEveryOpOfEveryBlockUniformlyAndOneMultiplierInTheRange() {
    UniformArchSampler sampler = new UniformArchSampler(family, 4, 1);
    int[] cards = family.space().opCardinalities().toArray();
    int[][] counts = new int[cards.length][5];
    int draws = 0;
    for (long step = 0; step < 500; step++) {
      List<ArchEncoding> s = sampler.sample(step);
      for (ArchEncoding e : s.subList(1, s.size())) {
        draws++;
        for (int b = 0; b < cards.length; b++) {
          counts[b][e.ops().get(b)]++;
        }
        double m = e.widths().get(0);
        assertTrue(m >= 0.5 && m <= 1.0, "multiplier " + m);
        e.widths().forEach(v -> assertEquals(m, v, 0.0));
        family.arch(e);
      }
    }
    for (int b = 0; b < cards.length; b++) {
      for (int op = 0; op < cards[b]; op++) {
        double expected = (double) draws / cards[b];
        // 2000 draws: a binomial standard deviation is at most ~22; allow 5.
        assertEquals(expected, counts[b][op], 5 * Math.sqrt(expected), "block " + b + " op " + op);
      }
    }
  }
}
