package dev.slimnas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.lut.ProxylessTable;
import dev.slimnas.latency.lut.SinglePathTable;
import dev.slimnas.latency.lut.TableResources;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.spec.BlockSpec;
import dev.slimnas.space.spec.StageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LatencyModelsTest {
  static final ArchSpec FINAL = ReferenceNetworks.singlePathNasFinal();

  static List<String> ids() {
    return LatencyModels.names();
  }

  static ArchSpec withBlock(ArchSpec a, int stage, int pos, BlockSpec b) {
    List<StageSpec> stages = new ArrayList<>(a.stages());
    List<BlockSpec> blocks = new ArrayList<>(stages.get(stage).blocks());
    blocks.set(pos, b);
    stages.set(stage, stages.get(stage).withBlocks(blocks));
    return a.withStages(stages);
  }

  @Test
  void aProfileFileIsTheWidthAwarePredictorFittedOnIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path file = dir.resolve("phone.json");
    dev.slimnas.latency.profile.LatencyProfile p = dev.slimnas.latency.profile.ProxylessFormat.pixel1();
    p.write(file);
    LatencyModel m = LatencyModels.get(file.toString());
    dev.slimnas.latency.fit.WidthAwarePredictor direct = dev.slimnas.latency.fit.WidthAwarePredictor.fit(p);
    assertEquals(direct.profile().id(), m.profile().id());
    ArchSpec a = SearchSpaces.get("spnas-224").sampleUniform(new SplittableRandom(4));
    assertEquals(direct.predict(a), m.predict(a), 1e-12);
    assertTrue(m == LatencyModels.get(file.toString()), "fitted once per file");
    RuntimeException e = assertThrows(RuntimeException.class, () -> LatencyModels.get(dir.resolve("x.json").toString()));
    assertTrue(e.getMessage().contains("x.json"), e.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> LatencyModels.get("pixel9"));
    assertTrue(unknown.getMessage().contains("or a profile file (.json)"), unknown.getMessage());
  }

  @Test
  void registryListsTablesAndProxies() {
    assertEquals(List.of("pixel1-singlepath", "pixel1-proxylessnas", "pixel1-proxylessnas-fit", "macs", "params"), LatencyModels.names());
    // the registered fit of the Pixel 1 table prices the Single-Path NAS final network near the table's 92.76 ms
    double full = LatencyModels.get("pixel1-proxylessnas-fit").predict(dev.slimnas.space.ref.ReferenceNetworks.singlePathNasFinal());
    assertTrue(full > 80 && full < 105, "spnas-final-224 on the fitted Pixel 1 predictor: " + full + " ms");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatencyModels.get("pixel9"));
    assertTrue(e.getMessage().contains("unknown device 'pixel9'; known: [pixel1-singlepath"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("ids")
  void breakdownSumsToPredictionForSampledArchitectures(String id) {
    LatencyModel m = LatencyModels.get(id);
    SearchSpace space = SearchSpaces.singlePathNas();
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 50; i++) {
      ArchSpec a = space.sampleUniform(rng);
      double p = m.predict(a);
      assertEquals(p, m.breakdown(a).total(), 1e-9);
      assertEquals(22, m.breakdown(a).blocks().size());
      assertTrue(p > 0);
    }
  }

  @Nested
  class SinglePath {
    private final LatencyModel m = LatencyModels.get("pixel1-singlepath");

    @Test
    void finalNetworkWithinTwoPercentOfMeasured() {
      double p = m.predict(FINAL);
      assertEquals(80.4411, p, 1e-3);
      assertTrue(Math.abs(p - 79.48) / 79.48 < 0.02, p + " ms");
    }

    @Test
    void smallestAndLargestBracketTheFinal() {
      SearchSpace s = SearchSpaces.singlePathNas();
      assertTrue(m.predict(s.min()) < m.predict(FINAL));
      assertTrue(m.predict(s.max()) > m.predict(FINAL));
      assertEquals(SinglePathTable.CONSTANT_MS, m.breakdown(s.min()).fixed());
    }

    @Test
    void refusesCifarArchitectureNamingTheResolution() {
      var e = assertThrows(UncoveredArchitectureException.class, () -> m.predict(ReferenceNetworks.singlePathNasFinalCifar()));
      assertTrue(e.getMessage().contains("measured at 224x224x3 input, got 32x32x3"), e.getMessage());
    }

    @Test
    void refusesOpOutsideTheTableNamingTheBlock() {
      ArchSpec a = withBlock(FINAL, 2, 1, new BlockSpec(BlockOp.mbconv(7, 6), 240, 0));
      var e = assertThrows(UncoveredArchitectureException.class, () -> m.predict(a));
      assertTrue(e.getMessage().contains("block 6 (stage 2, position 1): op k7e6 is not in the table"), e.getMessage());
      ArchSpec se = withBlock(FINAL, 2, 1, new BlockSpec(BlockOp.mbconv(3, 3, true), 120, 16));
      assertTrue(assertThrows(UncoveredArchitectureException.class, () -> m.predict(se)).getMessage().contains("op k3e3+se"));
    }

    @Test
    void refusesOtherWidthsNamingTheBlock() {
      ArchSpec a = withBlock(FINAL, 2, 1, new BlockSpec(BlockOp.mbconv(3, 3), 96, 0));
      var e = assertThrows(UncoveredArchitectureException.class, () -> m.predict(a));
      assertTrue(e.getMessage().contains("block 6 (stage 2, position 1): hidden width 96 is not in the table"), e.getMessage());
      assertThrows(UncoveredArchitectureException.class, () -> m.predict(ReferenceNetworks.mobileNetV2(1.0)));
    }
  }

  @Nested
  class Proxyless {
    private final LatencyModel m = LatencyModels.get("pixel1-proxylessnas");

    @Test
    void pricesTheFinalNetwork() {
      double p = m.predict(FINAL);
      // different runtime and set-up than the Single-Path table: same device, a different number
      assertTrue(p > 60 && p < 120, p + " ms");
      assertTrue(Math.abs(p - LatencyModels.get("pixel1-singlepath").predict(FINAL)) > 1.0);
    }

    @Test
    void missingShapeNamesBlockKeyAndNeighbours() {
      var e = assertThrows(UncoveredArchitectureException.class, () -> m.predict(ReferenceNetworks.mobileNetV2(1.0)));
      assertTrue(e.getMessage().startsWith("pixel1-proxylessnas: block"), e.getMessage());
      assertTrue(e.getMessage().contains("no entry 'expanded_conv-input:"), e.getMessage());
    }

    @Test
    void hasAllSeventyTwoEntries() {
      assertEquals(72, ProxylessTable.load().size());
    }
  }

  @Nested
  class Proxies {
    @Test
    void agreeWithTheCostModel() {
      assertEquals(CostModel.of(FINAL).macs() / 1e6, LatencyModels.get("macs").predict(FINAL), 1e-9);
      assertEquals(4.421616, LatencyModels.get("params").predict(FINAL), 1e-9);
      assertEquals("MMAC", LatencyModels.get("macs").profile().unit());
    }
  }

  @Test
  void corruptTableIsRefusedNamingResourceAndChecksums() {
    byte[] bytes = "{\"0\": {}}".getBytes();
    var e = assertThrows(IllegalStateException.class, () -> TableResources.verify(bytes, "x.json", SinglePathTable.MD5));
    assertTrue(e.getMessage().startsWith("latency table x.json is corrupt: md5 "), e.getMessage());
    assertTrue(e.getMessage().endsWith("expected " + SinglePathTable.MD5), e.getMessage());
  }
}
