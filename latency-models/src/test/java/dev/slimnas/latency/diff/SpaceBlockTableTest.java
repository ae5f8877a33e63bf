package dev.slimnas.latency.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.LatencyModel;
import dev.slimnas.latency.LatencyModels;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpaceBlockTableTest {

  @ParameterizedTest
  @ValueSource(strings = {"pixel1-singlepath", "pixel1-proxylessnas", "macs"})
  void differentiableLatencyEqualsTheModelAtHardArchitectures(String id) {
    LatencyModel m = LatencyModels.get(id);
    SearchSpace space = SearchSpaces.singlePathNas();
    DifferentiableLatency d = SpaceBlockTable.of(m, space).differentiable();
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 50; i++) {
      ArchSpec a = space.sampleUniform(rng);
      a = space.decode(new dev.slimnas.space.search.ArchEncoding(space.encode(a).ops(), space.encode(space.max()).widths()));
      double want = m.predict(a);
      assertEquals(want, d.evaluate(DifferentiableLatencyTest.indicatorsOf(a)).value(), 1e-9 * Math.max(1, want), a.name());
    }
  }

  @Test
  void tablesWithoutSeEntriesGetTheMacProportionalEstimate() {
    LatencyModel m = LatencyModels.get("pixel1-singlepath");
    SpaceBlockTable se = SpaceBlockTable.of(m, SearchSpaces.get("spnas-se-224"));
    double[] want = SeEstimate.macProportional((BlockTable) m);
    int searchable = 0;
    for (int b = 0; b < se.blockCount(); b++) {
      if (se.searchable(b)) {
        searchable++;
        assertTrue(se.seEstimated(b), "block " + b);
        assertEquals(want[b], se.seMs()[b], 1e-12, "block " + b);
        assertTrue(se.seMs()[b] > 0);
      }
    }
    assertEquals(20, searchable);
    SpaceBlockTable plain = SpaceBlockTable.of(m, SearchSpaces.singlePathNas());
    assertFalse(plain.seEstimated(1));
    assertEquals(0, plain.seMs()[1]);
  }

  @Test
  void aModelThatPricesSeIsUsedDirectly() {
    LatencyModel macs = LatencyModels.get("macs");
    SearchSpace space = SearchSpaces.get("spnas-se-224");
    SpaceBlockTable t = SpaceBlockTable.of(macs, space);
    assertFalse(t.seEstimated(1));
    assertTrue(t.seMs()[1] > 0);
  }
}
