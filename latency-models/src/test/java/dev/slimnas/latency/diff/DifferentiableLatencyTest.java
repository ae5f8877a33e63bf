package dev.slimnas.latency.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.LatencyModel;
import dev.slimnas.latency.LatencyModels;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DifferentiableLatencyTest {

  static List<BlockIndicators> indicatorsOf(ArchSpec a) {
    List<BlockIndicators> out = new ArrayList<>();
    for (BlockLayout b : a.layout()) {
      BlockOp op = b.op();
      out.add(op.isSkip() ? new BlockIndicators(0, 0, 0, 0) : BlockIndicators.of(true, op.kernel(), op.expansion(), op.se()));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"pixel1-singlepath", "pixel1-proxylessnas"})
  void exactFormEqualsTheTableAtEveryCorner(String id) {
    LatencyModel m = LatencyModels.get(id);
    DifferentiableLatency d = DifferentiableLatency.of((BlockTable) m);
    SearchSpace space = SearchSpaces.singlePathNas();
    // every op of every searchable block, others at the final network's choice
    for (int block : space.searchableBlocks()) {
      BlockChoice choice = space.blocks().get(block);
      for (int op = 0; op < choice.ops().size(); op++) {
        ArchSpec a = space.decode(space.encode(space.max()).withOp(block, op));
        assertEquals(m.predict(a), d.evaluate(indicatorsOf(a)).value(), 1e-9, "block " + block + " op " + op);
      }
    }
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < 100; i++) {
      ArchSpec a = space.sampleUniform(rng);
      assertEquals(m.predict(a), d.evaluate(indicatorsOf(a)).value(), 1e-9);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"EXACT", "PAPER"})
  void gradientMatchesCentralFiniteDifferences(String form) {
    BlockTable t = (BlockTable) LatencyModels.get("pixel1-singlepath");
    DifferentiableLatency d = new DifferentiableLatency(t, SeEstimate.macProportional(t), DifferentiableLatency.Form.valueOf(form));
    SplittableRandom rng = new SplittableRandom(5);
    List<BlockIndicators> x = new ArrayList<>();
    for (int b = 0; b < t.blockCount(); b++) {
      x.add(new BlockIndicators(rng.nextDouble(), rng.nextDouble(), rng.nextDouble(), rng.nextDouble()));
    }
    DifferentiableLatency.Evaluation e = d.evaluate(x);
    DifferentiableLatency.Evaluation le = e.log();
    double h = 1e-6;
    for (int b = 0; b < x.size(); b++) {
      for (int j = 0; j < 4; j++) {
        double fp = d.evaluate(perturb(x, b, j, h)).value();
        double fm = d.evaluate(perturb(x, b, j, -h)).value();
        double fd = (fp - fm) / (2 * h);
        double lfd = (Math.log(fp) - Math.log(fm)) / (2 * h);
        assertEquals(fd, e.grad()[b][j], 1e-6 * Math.max(1, Math.abs(fd)), "block " + b + " indicator " + j);
        assertEquals(lfd, le.grad()[b][j], 1e-8, "log, block " + b + " indicator " + j);
      }
    }
    assertTrue(e.grad()[5][0] > 0, "keeping a block costs time");
  }

  @org.junit.jupiter.api.Test
  void seEstimateIsPositiveAndSmall() {
    BlockTable t = (BlockTable) LatencyModels.get("pixel1-singlepath");
    double[] se = SeEstimate.macProportional(t);
    assertEquals(0.0, se[0]);
    for (int b = 1; b < 21; b++) {
      assertTrue(se[b] > 0 && se[b] < 0.1 * t.ms(b, 5, 6), "block " + b + ": " + se[b]);
    }
  }

  private static List<BlockIndicators> perturb(List<BlockIndicators> x, int b, int j, double h) {
    List<BlockIndicators> y = new ArrayList<>(x);
    BlockIndicators d = x.get(b);
    double[] v = {d.keep(), d.e6(), d.k5(), d.se()};
    v[j] += h;
    y.set(b, new BlockIndicators(v[0], v[1], v[2], v[3]));
    return y;
  }
}
