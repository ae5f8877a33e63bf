package dev.slimnas.optimizers.pareto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.search.ArchEncoding;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NonDominatedSortingTest {
  static Candidate c(double... obj) {
    return Candidate.of(ArchEncoding.of(new int[0], new double[] {obj[0]}), obj);
  }

  @Nested
  class DominanceRule {
    @Test
    void betterInOneAndNoWorseElsewhereDominates() {
      assertTrue(c(1, 2).dominates(c(1, 3)));
      assertTrue(c(1, 2).dominates(c(2, 3)));
      assertFalse(c(1, 3).dominates(c(2, 2)));
      assertFalse(c(1, 2).dominates(c(1, 2)));
    }

    @Test
    void rejectsVectorsOfDifferentLength() {
      assertThrows(IllegalArgumentException.class, () -> Dominance.dominates(new double[2], new double[3]));
    }

    @Test
    void candidateRejectsNonFiniteObjectives() {
      assertThrows(IllegalArgumentException.class, () -> c(1, Double.NaN));
    }
  }

  @Nested
  class Peeling {
    @Test
    void peelsFrontsOfAHandExample() {
      // front 0: (1,5) (2,3) (4,1); front 1: (3,4) (5,2); front 2: (6,6)
      Candidate a = c(1, 5);
      Candidate b = c(2, 3);
      Candidate d = c(4, 1);
      Candidate e = c(3, 4);
      Candidate f = c(5, 2);
      Candidate g = c(6, 6);
      List<Candidate> in = List.of(g, e, a, f, b, d);
      List<List<Candidate>> fronts = NonDominatedSorting.fronts(in);
      assertEquals(List.of(List.of(a, b, d), List.of(e, f), List.of(g)), fronts);
      assertArrayEquals(new int[] {2, 1, 0, 1, 0, 0}, NonDominatedSorting.ranks(in));
      assertEquals(List.of(a, b, d), NonDominatedSorting.front(in));
    }

    @Test
    void equalVectorsShareAFront() {
      List<Candidate> in = List.of(c(1, 1), c(1, 1), c(2, 2));
      assertEquals(2, NonDominatedSorting.front(in).size());
    }

    @Test
    void emptyInputHasNoFronts() {
      assertTrue(NonDominatedSorting.fronts(List.of()).isEmpty());
      assertTrue(NonDominatedSorting.front(List.of()).isEmpty());
    }

    @Test
    void threeObjectives() {
      List<Candidate> in = List.of(c(1, 2, 3), c(2, 1, 3), c(2, 2, 4), c(3, 3, 1));
      assertArrayEquals(new int[] {0, 0, 1, 0}, NonDominatedSorting.ranks(in));
    }
  }
}
