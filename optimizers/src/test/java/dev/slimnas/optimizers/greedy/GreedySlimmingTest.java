package dev.slimnas.optimizers.greedy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import dev.slimnas.optimizers.joslim.WidthDomain;
import dev.slimnas.optimizers.objective.CostFunctions;
import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.search.WidthGroup;
import dev.slimnas.space.spec.BlockOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GreedySlimmingTest {
  /** Importance of the four groups of the free domain: group 0 matters most, group 1 least. */
  static final double[] A = {4, 0.5, 2, 1};
  static final WidthDomain FREE = WidthDomain.free(A.length, 0.25, 1.0);
  static final double STEP = 0.075; // the default: a tenth of [0.25, 1]

  static double quadraticLoss(ArchEncoding e) {
    double s = 0;
    for (int i = 0; i < A.length; i++) {
      double d = FREE.max() - e.widths().get(i);
      s += A[i] * d * d;
    }
    return s;
  }

  static double widthSum(ArchEncoding e) {
    double s = 0;
    for (int i = 0; i < e.widths().length(); i++) {
      s += e.widths().get(i);
    }
    return s;
  }

  static GreedySlimming.Builder free(double target) {
    return GreedySlimming.builder(FREE, GreedySlimmingTest::quadraticLoss, GreedySlimmingTest::widthSum)
        .targetCost(target);
  }

  static double cost(Candidate c) {
    return c.objective(GreedyResult.COST);
  }

  static double loss(Candidate c) {
    return c.objective(GreedyResult.LOSS);
  }

  @Nested
  class OnAFreeDomain {
    final GreedyResult result = free(2.52).build().run();

    @Test
    void defaultStepIsATenthOfTheRange() {
      assertEquals(STEP, free(2.52).build().step(), 1e-12);
    }

    @Test
    void startsFromTheFullNetworkAndStopsAtTheFirstConfigurationUnderTheTarget() {
      List<Candidate> path = result.path();
      assertEquals(FREE.full(), path.get(0).encoding());
      assertTrue(result.targetReached());
      assertEquals(path.get(path.size() - 1), result.finalCandidate());
      assertTrue(cost(result.finalCandidate()) <= 2.52);
      for (int i = 0; i < path.size() - 1; i++) {
        assertTrue(cost(path.get(i)) > 2.52, "point " + i + " is already under the target");
      }
      assertEquals(20, result.moves()); // cost falls by 0.075 per move: 4 - 20 * 0.075 = 2.5
    }

    @Test
    void pathCostsDecreaseStrictly() {
      for (int i = 1; i < result.path().size(); i++) {
        assertTrue(cost(result.path().get(i)) < cost(result.path().get(i - 1)), "cost rose at move " + i);
      }
    }

    @Test
    void everyAcceptedMoveIsTheBruteForceArgminOfTheLoss() {
      List<Candidate> path = result.path();
      for (int t = 1; t < path.size(); t++) {
        double[] from = path.get(t - 1).encoding().widths().toArray();
        double bestLoss = Double.POSITIVE_INFINITY;
        double[] best = null;
        for (int g = 0; g < from.length; g++) {
          if (from[g] <= FREE.min() + 1e-9) {
            continue;
          }
          double[] w = from.clone();
          w[g] = Math.max(FREE.min(), w[g] - STEP);
          double l = quadraticLoss(ArchEncoding.of(new int[0], w));
          if (l < bestLoss) {
            bestLoss = l;
            best = w;
          }
        }
        assertArrayEquals(best, path.get(t).encoding().widths().toArray(), 1e-9, "move " + t);
        assertEquals(bestLoss, loss(path.get(t)), 1e-12, "move " + t);
      }
    }

    @Test
    void slimsTheUnimportantGroupsFirst() {
      List<Integer> groups = result.slimmedGroups();
      assertEquals(1, groups.get(0)); // least important
      int firstOfGroup0 = groups.indexOf(0);
      for (int g : new int[] {1, 2, 3}) {
        assertTrue(groups.indexOf(g) >= 0 && groups.indexOf(g) < firstOfGroup0,
            "group " + g + " should be slimmed before the most important group 0: " + groups);
      }
      double[] w = result.finalEncoding().widths().toArray();
      // widths ordered by importance: a = 4 (group 0) > 2 (group 2) > 1 (group 3) > 0.5 (group 1)
      assertTrue(w[0] > w[2] && w[2] > w[3] && w[3] > w[1], "final widths " + List.of(w[0], w[1], w[2], w[3]));
    }

    @Test
    void listenerSeesEveryAcceptedMoveInOrder() {
      List<GreedyStep> steps = new ArrayList<>();
      GreedyResult r = free(2.52).listener(steps::add).build().run();
      assertEquals(r.moves(), steps.size());
      int candidates = 0;
      for (int i = 0; i < steps.size(); i++) {
        GreedyStep s = steps.get(i);
        assertEquals(i + 1, s.move());
        assertEquals(r.path().get(i + 1), s.accepted());
        assertEquals(r.slimmedGroups().get(i), s.group());
        candidates += s.candidates();
        assertEquals(1 + candidates, s.evaluations());
      }
      assertEquals(r.evaluations(), steps.get(steps.size() - 1).evaluations());
    }

    @Test
    void sameInputsGiveTheSameResult() {
      assertEquals(result, free(2.52).build().run());
    }

    @Test
    void otherBudgetsAreReadOffThePath() {
      List<Candidate> path = result.path();
      double budget = 3.3;
      Candidate expected = path.stream().filter(c -> cost(c) <= budget)
          .min((a, b) -> Double.compare(loss(a), loss(b))).orElseThrow();
      assertEquals(Optional.of(expected), result.bestUnder(budget));
      assertTrue(cost(expected) > cost(result.finalCandidate()));
      assertEquals(Optional.of(path.get(0)), result.bestUnder(100));
      assertEquals(Optional.empty(), result.bestUnder(cost(result.finalCandidate()) - 0.01));
    }
  }

  @Nested
  class OnARealSpace {
    final SearchSpace space = SearchSpaces.get("spnas-cifar", 0.25);
    /** k3e3 everywhere, skip in every other block that allows it. */
    final ImmutableIntArray ops = ops(space);
    final WidthDomain domain = WidthDomain.of(space, ops);
    final ToDoubleFunction<ArchEncoding> macs = CostFunctions.macs(space);
    final double target = 0.5 * (macs.applyAsDouble(domain.full()) + macs.applyAsDouble(domain.smallest()));

    static ImmutableIntArray ops(SearchSpace space) {
      int[] ops = new int[space.blockCount()];
      for (int b = 0; b < ops.length; b++) {
        int skip = space.blocks().get(b).ops().indexOf(BlockOp.SKIP);
        ops[b] = skip >= 0 && b % 2 == 1 ? skip : 0;
      }
      return ImmutableIntArray.copyOf(ops);
    }

    double groupLoss(ArchEncoding e) {
      double s = 0;
      for (int g = 0; g < e.widths().length(); g++) {
        double d = 1 - e.widths().get(g);
        s += (g % 5 + 1) * d * d;
      }
      return s;
    }

    @Test
    void everyMoveChangesTheCanonicalEncodingAndEveryEvaluationIsDistinct() {
      List<ArchEncoding> evaluated = new ArrayList<>();
      List<GreedyStep> steps = new ArrayList<>();
      GreedyResult r = GreedySlimming.builder(domain, e -> {
        evaluated.add(e);
        return groupLoss(e);
      }, macs).targetCost(target).listener(steps::add).build().run();

      assertTrue(r.targetReached());
      assertTrue(r.moves() > 5, "moves " + r.moves());
      assertEquals(evaluated.size(), new HashSet<>(evaluated).size(), "an encoding was evaluated twice");
      assertEquals(evaluated.size(), r.evaluations());
      assertEquals(1 + steps.stream().mapToInt(GreedyStep::candidates).sum(), r.evaluations());
      for (ArchEncoding e : evaluated) {
        assertEquals(e, space.encode(space.decode(e)), "not canonical: " + e.widths());
      }
      List<Candidate> path = r.path();
      for (int t = 1; t < path.size(); t++) {
        double[] from = path.get(t - 1).encoding().widths().toArray();
        double[] to = path.get(t).encoding().widths().toArray();
        int g = r.slimmedGroups().get(t - 1);
        assertTrue(to[g] < from[g], "move " + t + " did not lower group " + g);
        for (int i = 0; i < from.length; i++) {
          if (i != g) {
            assertEquals(from[i], to[i], "move " + t + " changed group " + i + " besides group " + g);
          }
        }
        assertTrue(cost(path.get(t)) < cost(path.get(t - 1)), "MACs did not fall at move " + t);
      }
    }

    @Test
    void slimmingFromAnyGroupGivesADifferentLowerCanonicalEncoding() {
      GreedySlimming gs = GreedySlimming.builder(domain, this::groupLoss, macs).targetCost(target).build();
      for (int g = 0; g < domain.dimension(); g++) {
        ArchEncoding e = domain.full();
        int moves = 0;
        for (Optional<ArchEncoding> next = gs.slim(e, g); next.isPresent(); next = gs.slim(e, g)) {
          assertNotEquals(e, next.get());
          assertTrue(next.get().widths().get(g) < e.widths().get(g));
          assertEquals(next.get(), space.encode(space.decode(next.get())));
          e = next.get();
          moves++;
        }
        assertTrue(moves <= 10, "group " + g + " took " + moves + " moves on a 10-level grid");
        assertEquals(domain.smallest().widths().get(g), e.widths().get(g), "group " + g + " froze above its minimum");
      }
    }

    @Test
    void hiddenGroupsOfSkippedBlocksAreFrozenAndNeverSlimmed() {
      GreedySlimming gs = GreedySlimming.builder(domain, this::groupLoss, macs).targetCost(target).build();
      List<Integer> skippedHidden = new ArrayList<>();
      for (WidthGroup g : space.widthGroups()) {
        if (g.kind() == WidthGroup.Kind.HIDDEN
            && space.blocks().get(g.block()).ops().get(ops.get(g.block())).isSkip()) {
          skippedHidden.add(g.index());
        }
      }
      assertFalse(skippedHidden.isEmpty());
      for (int g : skippedHidden) {
        assertEquals(Optional.empty(), gs.slim(domain.full(), g), "group " + g);
      }
      List<Integer> slimmed = gs.run().slimmedGroups();
      for (int g : skippedHidden) {
        assertFalse(slimmed.contains(g), "slimmed the hidden group " + g + " of a skipped block");
      }
    }
  }

  @Nested
  class Stopping {
    @Test
    void targetAlreadyMetGivesTheFullNetworkWithZeroMoves() {
      List<GreedyStep> steps = new ArrayList<>();
      GreedyResult r = free(4.0).listener(steps::add).build().run();
      assertEquals(0, r.moves());
      assertEquals(1, r.evaluations());
      assertTrue(r.targetReached());
      assertEquals(FREE.full(), r.finalEncoding());
      assertTrue(steps.isEmpty());
    }

    @Test
    void impossibleTargetFailsNamingBothCosts() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> free(0.5).build());
      assertTrue(e.getMessage().contains(String.valueOf(0.5)), e.getMessage());
      assertTrue(e.getMessage().contains(String.valueOf(widthSum(FREE.smallest()))), e.getMessage()); // 1.0
    }

    @Test
    void smallestNetworkIsReachedWhenTheTargetIsItsCost() {
      GreedyResult r = free(1.0).build().run();
      assertTrue(r.targetReached());
      assertEquals(FREE.smallest(), r.finalEncoding());
      assertEquals(40, r.moves()); // 4 groups x 10 levels
    }

    @Test
    void evaluationCapIsRespectedAndReported() {
      // full (1) + first iteration (4) = 5; the second iteration would need 4 more
      GreedyResult capped = free(2.52).maxEvaluations(7).build().run();
      assertEquals(5, capped.evaluations());
      assertEquals(1, capped.moves());
      assertFalse(capped.targetReached());
      assertTrue(cost(capped.finalCandidate()) > 2.52);
      assertEquals(capped.path().get(1), capped.finalCandidate());

      GreedyResult exact = free(2.52).maxEvaluations(9).build().run();
      assertEquals(9, exact.evaluations());
      assertEquals(2, exact.moves());
    }
  }

  @Nested
  class Criteria {
    /** Group 1 costs 10 per unit of width and loses only twice as much: cheap loss per saved cost. */
    final WidthDomain domain = WidthDomain.free(2, 0.25, 1.0);
    final ToDoubleFunction<ArchEncoding> loss = e -> (1 - e.widths().get(0)) + 2 * (1 - e.widths().get(1));
    final ToDoubleFunction<ArchEncoding> cost = e -> e.widths().get(0) + 10 * e.widths().get(1);

    GreedyResult run(GreedyCriterion c) {
      return GreedySlimming.builder(domain, loss, cost).targetCost(8.1).criterion(c).build().run();
    }

    @Test
    void lossPerCostSlimsTheGroupThatSavesMoreCostAndEndsWithLowerLoss() {
      GreedyResult byLoss = run(GreedyCriterion.LOSS);
      GreedyResult byRatio = run(GreedyCriterion.LOSS_PER_COST);
      assertEquals(0, byLoss.slimmedGroups().get(0));
      assertEquals(1, byRatio.slimmedGroups().get(0));
      assertTrue(byLoss.targetReached() && byRatio.targetReached());
      // LOSS: group 0 to its minimum (10 moves), then 3 moves of group 1; loss 0.75 + 0.45
      assertEquals(13, byLoss.moves());
      assertEquals(1.2, loss(byLoss.finalCandidate()), 1e-9);
      // LOSS_PER_COST: 4 moves of group 1; loss 0.6
      assertEquals(4, byRatio.moves());
      assertEquals(0.6, loss(byRatio.finalCandidate()), 1e-9);
    }

    @Test
    void movesThatSaveNoCostRankLast() {
      assertEquals(Double.POSITIVE_INFINITY, GreedyCriterion.LOSS_PER_COST.score(1, 5, 0.5, 5));
      assertEquals(0.25, GreedyCriterion.LOSS_PER_COST.score(1, 5, 1.5, 3));
      assertEquals(1.5, GreedyCriterion.LOSS.score(1, 5, 1.5, 3));
    }
  }

  @Nested
  class Arguments {
    @Test
    void rejectsBadSettings() {
      GreedySlimming.Builder b = GreedySlimming.builder(FREE, GreedySlimmingTest::quadraticLoss,
          GreedySlimmingTest::widthSum);
      assertThrows(IllegalArgumentException.class, () -> b.targetCost(Double.NaN));
      assertThrows(IllegalArgumentException.class, () -> b.targetCost(Double.POSITIVE_INFINITY));
      assertThrows(IllegalArgumentException.class, () -> b.step(0));
      assertThrows(IllegalArgumentException.class, () -> b.step(-0.1));
      assertThrows(IllegalArgumentException.class, () -> b.step(Double.NaN));
      assertThrows(IllegalArgumentException.class, () -> b.maxEvaluations(0));
      assertThrows(NullPointerException.class, () -> b.criterion(null));
      IllegalStateException missing = assertThrows(IllegalStateException.class, b::build);
      assertTrue(missing.getMessage().contains("targetCost"));
      assertThrows(NullPointerException.class,
          () -> GreedySlimming.builder(null, GreedySlimmingTest::quadraticLoss, GreedySlimmingTest::widthSum));
    }

    @Test
    void rejectsANonFiniteLossNamingTheConfiguration() {
      GreedySlimming gs = GreedySlimming.builder(FREE, e -> Double.NaN, GreedySlimmingTest::widthSum)
          .targetCost(2).build();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, gs::run);
      assertTrue(e.getMessage().contains("loss") && e.getMessage().contains("widths"), e.getMessage());
    }

    @Test
    void aStepAboveTheRangeSlimsAGroupToItsMinimumAtOnce() {
      GreedySlimming gs = free(2.52).step(5).build();
      assertEquals(FREE.min(), gs.slim(FREE.full(), 2).orElseThrow().widths().get(2));
      assertEquals(Optional.empty(), gs.slim(FREE.smallest(), 2));
    }
  }
}
