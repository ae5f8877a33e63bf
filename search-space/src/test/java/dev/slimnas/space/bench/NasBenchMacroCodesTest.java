package dev.slimnas.space.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NasBenchMacroCodesTest {
  @Nested
  class Space {
    @Test
    void isTheBenchmarksMacroStructure() {
      SearchSpace s = SearchSpaces.get("nas-bench-macro");
      assertEquals(NasBenchMacroCodes.space(), s);
      assertEquals(8, s.blockCount());
      assertEquals(List.of(2, 3, 3), s.stages().stream().map(st -> st.blocks().size()).toList());
      assertEquals(List.of(64, 128, 256), s.stages().stream().map(st -> st.out()).toList());
      assertTrue(s.stages().stream().allMatch(st -> st.stride() == 2));
      assertTrue(s.widths().isFixed());
      assertEquals(0.0, s.head().dropout());
      assertEquals(1, s.stem().stride());
    }

    @Test
    void identityIsProjWhereTheShapeChangesAndSkipElsewhere() {
      ArchSpec a = NasBenchMacroCodes.arch("00000000");
      for (BlockLayout b : a.layout()) {
        boolean first = b.position() == 0;
        assertEquals(first ? BlockOp.PROJ : BlockOp.SKIP, b.op(), b.label());
        assertFalse(b.residual());
      }
      assertEquals(List.of(0, 2, 5), a.layout().stream().filter(b -> b.op().isProjection()).map(BlockLayout::index).toList());
    }

    @Test
    void hiddenWidthIsBlockInputTimesExpansionAndResidualsWhereShapesAllow() {
      ArchSpec a = NasBenchMacroCodes.arch("21212121");
      List<BlockLayout> l = a.layout();
      assertEquals(32 * 6, l.get(0).spec().hidden());
      assertEquals(64 * 3, l.get(1).spec().hidden());
      assertEquals(64 * 6, l.get(2).spec().hidden());
      assertEquals(List.of(false, true, false, true, true, false, true, true), l.stream().map(BlockLayout::residual).toList());
      assertEquals(4, a.finalResolution());
    }
  }

  @Nested
  class Codec {
    @Test
    void everyCodeRoundTripsAndNamesADistinctNetwork() {
      SearchSpace s = NasBenchMacroCodes.space();
      HashSet<ArchSpec> seen = new HashSet<>();
      for (String code : NasBenchMacroCodes.all()) {
        ArchSpec a = NasBenchMacroCodes.arch(code);
        s.check(a);
        assertEquals(code, NasBenchMacroCodes.code(a));
        assertEquals(code, NasBenchMacroCodes.code(NasBenchMacroCodes.encoding(code)));
        seen.add(a.withName("x"));
      }
      assertEquals(6561, seen.size());
      assertEquals("00000000", NasBenchMacroCodes.all().get(0));
      assertEquals("22222222", NasBenchMacroCodes.all().get(6560));
    }

    @Test
    void digitsAreTheBenchmarksOps() {
      BlockOp k3e3 = BlockOp.mbconv(3, 3);
      BlockOp k5e6 = BlockOp.mbconv(5, 6);
      assertEquals(List.of(k3e3, k5e6, BlockOp.PROJ, k3e3, k5e6, BlockOp.PROJ, k3e3, BlockOp.SKIP),
          NasBenchMacroCodes.arch("12012010").ops());
    }

    @Test
    void uniformSamplesHaveCodes() {
      SplittableRandom rng = new SplittableRandom(7);
      for (int i = 0; i < 50; i++) {
        String code = NasBenchMacroCodes.code(NasBenchMacroCodes.space().sampleUniform(rng));
        assertEquals(8, code.length());
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0120", "012001201", "0120012a", "01200123", "0120-120"})
    void rejectsMalformedCodesNamingTheRule(String code) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NasBenchMacroCodes.arch(code));
      assertTrue(e.getMessage().contains("'" + code + "'") && e.getMessage().contains("digits 0-2"), e.getMessage());
    }

    @Test
    void rejectsArchitecturesOfOtherSpaces() {
      assertThrows(RuntimeException.class, () -> NasBenchMacroCodes.code(SearchSpaces.get("spnas-cifar").max()));
    }
  }
}
