package dev.slimnas.latency.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.LatencyModel;
import dev.slimnas.latency.LatencyModels;
import dev.slimnas.space.bench.NasBenchMacroCodes;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Block tables of a space with tied kernel/expansion choices and projection skips (NAS-Bench-Macro). */
class TiedBlockTableTest {
  private static final SearchSpace SPACE = NasBenchMacroCodes.space();

  @Test
  void macProxyTableEqualsTheCostModelAtEveryNasBenchMacroCode() {
    LatencyModel macs = LatencyModels.get("macs");
    SpaceBlockTable t = SpaceBlockTable.of(macs, SPACE);
    DifferentiableLatency d = t.differentiable();
    for (int b = 0; b < 8; b++) {
      assertTrue(t.tied(b), "block " + b);
      assertEquals(b == 0 || b == 2 || b == 5, t.skipMs(b) > 0, "proj blocks price their projection, block " + b);
    }
    for (String code : NasBenchMacroCodes.all()) {
      ArchEncoding e = NasBenchMacroCodes.encoding(code);
      double want = CostModel.of(SPACE.decode(e)).macs() / 1e6;
      assertEquals(want, d.evaluate(SpaceBlockTable.indicatorsOf(SPACE, e)).value(), 1e-9 * want, code);
    }
  }

  @Test
  void costTableEqualsAnAdditiveCostAtEveryCode() {
    ToDoubleFunction<ArchEncoding> macs = e -> CostModel.of(SPACE.decode(e)).macs();
    DifferentiableLatency d = SpaceBlockTable.ofCost(SPACE, macs, "macs").differentiable();
    for (String code : NasBenchMacroCodes.all()) {
      ArchEncoding e = NasBenchMacroCodes.encoding(code);
      assertEquals(macs.applyAsDouble(e), d.evaluate(SpaceBlockTable.indicatorsOf(SPACE, e)).value(), 1e-3, code);
    }
  }

  @Test
  void refusesACostThatIsNotAdditiveOverBlocks() {
    ToDoubleFunction<ArchEncoding> squared = e -> Math.pow(CostModel.of(SPACE.decode(e)).macs() / 1e6, 2);
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> SpaceBlockTable.ofCost(SPACE, squared, "sq"));
    assertTrue(x.getMessage().contains("not additive"), x.getMessage());
  }

  @Test
  void tiedGradientIsTheDerivativeAlongE6EqualsK5AndKeepIncludesTheProjection() {
    DifferentiableLatency d = SpaceBlockTable.of(LatencyModels.get("macs"), SPACE).differentiable();
    List<BlockIndicators> at = new ArrayList<>();
    double[][] v = {{0.3, 0.6}, {0.8, 0.2}, {0.5, 0.5}, {0.9, 0.7}, {0.1, 0.4}, {0.6, 0.9}, {0.7, 0.3}, {0.2, 0.8}};
    for (double[] x : v) {
      at.add(new BlockIndicators(x[0], x[1], x[1], 0));
    }
    DifferentiableLatency.Evaluation e = d.evaluate(at);
    double h = 1e-6;
    for (int b = 0; b < 8; b++) {
      double[] x = v[b];
      at.set(b, new BlockIndicators(x[0] + h, x[1], x[1], 0));
      double up = d.evaluate(at).value();
      at.set(b, new BlockIndicators(x[0] - h, x[1], x[1], 0));
      double down = d.evaluate(at).value();
      assertEquals((up - down) / (2 * h), e.grad()[b][0], 1e-6 * Math.abs(e.grad()[b][0]) + 1e-9, "keep of block " + b);
      at.set(b, new BlockIndicators(x[0], x[1] + h, x[1] + h, 0));
      up = d.evaluate(at).value();
      at.set(b, new BlockIndicators(x[0], x[1] - h, x[1] - h, 0));
      down = d.evaluate(at).value();
      assertEquals((up - down) / (2 * h), e.grad()[b][1] + e.grad()[b][2], 1e-6 * Math.abs(e.grad()[b][1]) + 1e-9, "tied of block " + b);
      assertEquals(0, e.grad()[b][2], "k5 carries nothing in a tied block");
      at.set(b, new BlockIndicators(x[0], x[1], x[1], 0));
    }
  }

  @Test
  void pixel1FitTableMatchesItsOwnPredictionAtEveryCode() {
    LatencyModel fit = LatencyModels.get("pixel1-proxylessnas-fit");
    DifferentiableLatency d = SpaceBlockTable.of(fit, SPACE).differentiable();
    for (String code : List.of("00000000", "22222222", "11111111", "02012100", "20120012", "10201201")) {
      ArchEncoding e = NasBenchMacroCodes.encoding(code);
      double want = fit.predict(SPACE.decode(e));
      assertEquals(want, d.evaluate(SpaceBlockTable.indicatorsOf(SPACE, e)).value(), 1e-9 * Math.max(1, want), code);
    }
  }
}
