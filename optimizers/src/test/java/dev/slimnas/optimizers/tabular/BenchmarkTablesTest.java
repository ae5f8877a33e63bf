package dev.slimnas.optimizers.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.json.SpecFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BenchmarkTablesTest {
  static Path fixture(String name) {
    return Path.of("src/test/resources/tabular", name);
  }

  static BenchmarkTable tiny() {
    return BenchmarkTables.load(fixture("tiny.table.json"));
  }

  @Nested
  class Loading {
    @ParameterizedTest
    @ValueSource(strings = {"tiny.table.json", "tiny-gz.table.json", "tiny-codes.table.json"})
    void readsEveryLayoutToTheSameTable(String sidecar) {
      BenchmarkTable t = BenchmarkTables.load(fixture(sidecar));
      assertEquals(9, t.size());
      assertEquals(9, t.spaceSize());
      int row = t.row(new int[] {1, 2});
      assertEquals(67, t.objective(row));
      assertEquals(29, t.value("macs", row));
      assertEquals(300, t.value("params", row));
      assertArrayEquals(new int[] {1, 2}, t.choices(row));
      assertEquals("y-z", t.label(t.choices(row)));
    }

    @Test
    void rowsAreSortedByIndexWhateverTheFileOrder() {
      BenchmarkTable t = tiny();
      for (int r = 0; r < t.size(); r++) {
        assertEquals(r, t.index(t.choices(r)));
      }
    }

    @Test
    void vendoredNasBenchMacroLoadsAndMatchesItsPaperCounts() {
      BenchmarkTable t = BenchmarkTables.load(Path.of("../data/nas-bench-macro/nas-bench-macro.table.json"));
      assertEquals(6561, t.size());
      assertEquals("02012100", t.code(t.choices(t.row(new int[] {0, 2, 0, 1, 2, 1, 0, 0}))));
      int r = t.row(new int[] {0, 2, 0, 1, 2, 1, 0, 0});
      assertEquals(47327744, t.value("macs", r));
      assertEquals(890666, t.value("params", r));
    }

    @Test
    void checksumMismatchNamesTheFile() {
      SpecFileException e = assertThrows(SpecFileException.class,
          () -> BenchmarkTables.load(fixture("tiny-bad-sha.table.json")));
      assertTrue(e.getMessage().contains("tiny.csv: checksum mismatch"), e.getMessage());
      assertTrue(e.getMessage().contains("tiny-bad-sha.table.json"), e.getMessage());
    }

    @Test
    void damagedDataFailsTheChecksum(@TempDir Path dir) throws Exception {
      Files.copy(fixture("tiny.table.json"), dir.resolve("tiny.table.json"));
      Files.writeString(dir.resolve("tiny.csv"), Files.readString(fixture("tiny.csv")).replace("67", "68"));
      SpecFileException e = assertThrows(SpecFileException.class, () -> BenchmarkTables.load(dir.resolve("tiny.table.json")));
      assertTrue(e.getMessage().startsWith(dir.resolve("tiny.csv").toString()), e.getMessage());
    }

    @Test
    void missingDataFileIsNamed(@TempDir Path dir) throws Exception {
      Files.copy(fixture("tiny.table.json"), dir.resolve("tiny.table.json"));
      SpecFileException e = assertThrows(SpecFileException.class, () -> BenchmarkTables.load(dir.resolve("tiny.table.json")));
      assertTrue(e.getMessage().contains("tiny.csv: file not found"), e.getMessage());
    }

    @Test
    void resolvesVendoredNamesAndListsThemWhenUnknown() {
      Path data = Path.of("src/test/resources");
      assertEquals(fixture("tiny.table.json"), BenchmarkTables.resolve("tiny", data));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchmarkTables.resolve("nope", data));
      assertTrue(e.getMessage().contains("--table 'nope'") && e.getMessage().contains("tiny-codes"), e.getMessage());
    }
  }

  @Nested
  class Quantiles {
    @Test
    void lowerEmpiricalQuantiles() {
      BenchmarkTable t = tiny();
      assertEquals(13, t.quantile("macs", 0));
      assertEquals(26, t.quantile("macs", 0.5));
      assertEquals(19, t.quantile("macs", 0.25));
      assertEquals(39, t.quantile("macs", 1));
    }
  }

  @Nested
  class Constraints {
    @Test
    void parsesNumbersAndQuantiles() {
      BenchmarkTable t = tiny();
      assertEquals(26, CostConstraint.parse("--constraint", "macs<=median", t).bound());
      assertEquals(19, CostConstraint.parse("--constraint", "macs <= p25", t).bound());
      assertEquals(Comparison.GT, CostConstraint.parse("--constraint", "params>150", t).op());
      assertEquals(13, CostConstraint.parse("--constraint", "macs<min", t).bound());
      assertEquals(400, CostConstraint.parse("--constraint", "params>=max", t).bound());
      assertTrue(CostConstraint.parse("--constraint", "macs<=26", t).test(t, t.row(new int[] {1, 1})));
      assertTrue(!CostConstraint.parse("--constraint", "macs<26", t).test(t, t.row(new int[] {1, 1})));
    }

    @ParameterizedTest
    @ValueSource(strings = {"latency<=5", "macs<=lots", "macs<=p101", "macs=5", "acc<=50", "<=5", "macs<=nan"})
    void rejectsBadConstraintsNamingTheOptionAndTheRule(String text) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> CostConstraint.parse("--constraint", text, tiny()));
      assertTrue(e.getMessage().startsWith("--constraint '" + text + "'"), e.getMessage());
      assertTrue(e.getMessage().contains("<column>"), e.getMessage());
    }
  }
}
