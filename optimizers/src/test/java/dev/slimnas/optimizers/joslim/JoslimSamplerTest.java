package dev.slimnas.optimizers.joslim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.search.ArchEncoding;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JoslimSamplerTest {
  static JoslimSampler sampler(WidthProposal p, TargetCost t) {
    return JoslimSampler.builder(SyntheticWidths.DOMAIN, SyntheticWidths::cost).proposal(p).target(t).build();
  }

  static Stream<WidthProposal> proposals() {
    return Stream.of(GpProposal.defaults(), EvolutionaryProposal.defaults(), RandomProposal.defaults());
  }

  @Nested
  class FixedFirstProposals {
    @Test
    void uniformWidthsFromTheMinimumThenTheFullNetwork() {
      JoslimSampler s = sampler(RandomProposal.defaults(), TargetCost.uniform());
      List<ArchEncoding> first = s.propose(WidthArchive.empty(), 5, new SplittableRandom(1));
      assertEquals(List.of(0.25, 0.4375, 0.625, 0.8125, 1.0),
          first.stream().map(e -> e.widths().get(0)).toList());
      for (ArchEncoding e : first) {
        assertTrue(e.widths().stream().allMatch(w -> w == e.widths().get(0)), "uniform: " + e);
      }
    }

    @Test
    void seedsAlreadyInTheArchiveAreNotRepeated() {
      JoslimSampler s = sampler(RandomProposal.defaults(), TargetCost.uniform());
      WidthArchive a = s.addTo(WidthArchive.empty(), s.propose(WidthArchive.empty(), 3, new SplittableRandom(1)));
      List<ArchEncoding> next = s.propose(a, 2, new SplittableRandom(1));
      assertEquals(List.of(0.8125, 1.0), next.stream().map(e -> e.widths().get(0)).toList());
    }
  }

  @Nested
  class Proposals {
    @ParameterizedTest
    @MethodSource("dev.slimnas.optimizers.joslim.JoslimSamplerTest#proposals")
    void hitTheirTargetCostAndAreNew(WidthProposal p) {
      JoslimSampler s = sampler(p, TargetCost.uniform());
      WidthArchive a = SyntheticWidths.run(s, 4, 4, 7);
      ProposalContext ctx = s.context(a);
      double[] targets = {2.5, 4.0, 5.5, 7.0}; // cost range [2.05, 8.2]
      List<ArchEncoding> out = p.propose(ctx, targets, new SplittableRandom(3));
      assertEquals(4, out.size());
      assertEquals(4, new HashSet<>(out).size());
      for (int i = 0; i < out.size(); i++) {
        assertTrue(ctx.hits(SyntheticWidths.cost(out.get(i)), targets[i]),
            p.name() + ": cost " + SyntheticWidths.cost(out.get(i)) + " vs target " + targets[i]);
        assertTrue(!a.contains(out.get(i)));
      }
    }

    @ParameterizedTest
    @MethodSource("dev.slimnas.optimizers.joslim.JoslimSamplerTest#proposals")
    void areDeterministicForASeed(WidthProposal p) {
      JoslimSampler s = sampler(p, TargetCost.largestGap());
      assertEquals(SyntheticWidths.run(s, 5, 3, 11), SyntheticWidths.run(s, 5, 3, 11));
    }

    @Test
    void projectionReachesTheCostRangeEnds() {
      JoslimSampler s = sampler(RandomProposal.defaults(), TargetCost.uniform());
      ProposalContext ctx = s.context(WidthArchive.empty());
      double[] u = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
      assertEquals(s.minCost(), ctx.project(u, 0).cost(), 1e-9);
      assertEquals(s.maxCost(), ctx.project(u, 1e9).cost(), 1e-9);
    }
  }

  @Nested
  class FrontQuality {
    /** Mean best loss over the cost range after 15 rounds of 4, for three seeds. */
    static double meanArea(WidthProposal p, TargetCost t) {
      JoslimSampler s = sampler(p, t);
      double sum = 0;
      for (long seed = 1; seed <= 3; seed++) {
        sum += SyntheticWidths.area(s, SyntheticWidths.run(s, 15, 4, seed));
      }
      return sum / 3;
    }

    @Test
    void gpProposalsBeatRandomProposals() {
      double gp = meanArea(GpProposal.defaults(), TargetCost.uniform());
      double random = meanArea(RandomProposal.defaults(), TargetCost.uniform());
      assertTrue(gp < random, "gp " + gp + " vs random " + random);
    }

    @Test
    void evolutionaryProposalsBeatRandomProposals() {
      double evo = meanArea(EvolutionaryProposal.defaults(), TargetCost.uniform());
      double random = meanArea(RandomProposal.defaults(), TargetCost.uniform());
      assertTrue(evo < random, "evolutionary " + evo + " vs random " + random);
    }

    @Test
    void largestGapTargetsWorkWithTheGp() {
      double gap = meanArea(GpProposal.defaults(), TargetCost.largestGap());
      double random = meanArea(RandomProposal.defaults(), TargetCost.uniform());
      assertTrue(gap < random, "gp with largest-gap targets " + gap + " vs random " + random);
    }
  }

  @Test
  void rejectsADomainWhoseCostDoesNotGrow() {
    assertThrows(IllegalArgumentException.class,
        () -> JoslimSampler.builder(SyntheticWidths.DOMAIN, e -> 1.0).build());
  }
}
