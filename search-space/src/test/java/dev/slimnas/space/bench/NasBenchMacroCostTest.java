package dev.slimnas.space.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.cost.Cost;
import dev.slimnas.space.cost.CostModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The project's exact costs against the benchmark's own {@code params} and {@code flops}, for every one
 * of its 6,561 networks (test data: {@code nas-bench-macro/costs.csv}, provenance in its README).
 */
class NasBenchMacroCostTest {
  private static final String CSV = "/nas-bench-macro/costs.csv";

  private record Row(long params, long flops) {}

  private static Map<String, Row> rows() throws IOException {
    Map<String, Row> rows = new LinkedHashMap<>();
    try (InputStream in = NasBenchMacroCostTest.class.getResourceAsStream(CSV)) {
      assertNotNull(in, CSV + " is missing from the test resources");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.startsWith("code,")) {
          continue;
        }
        String[] f = line.split(",");
        rows.put(f[0], new Row(Long.parseLong(f[1]), Long.parseLong(f[2])));
      }
    }
    return rows;
  }

  @Test
  void paramsAndMacsEqualTheBenchmarkForAllCodes() throws IOException {
    Map<String, Row> rows = rows();
    assertEquals(NasBenchMacroCodes.all(), List.copyOf(rows.keySet()), "the CSV holds every code once, in order");
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Row> e : rows.entrySet()) {
      Cost c = CostModel.of(NasBenchMacroCodes.arch(e.getKey()));
      if (c.params() != e.getValue().params() || c.macs() != e.getValue().flops()) {
        wrong.add(e.getKey() + ": project " + c.params() + " params, " + c.macs() + " MACs; benchmark "
            + e.getValue().params() + ", " + e.getValue().flops());
      }
    }
    assertTrue(wrong.isEmpty(), wrong.size() + " of " + rows.size() + " codes differ, e.g. "
        + wrong.subList(0, Math.min(5, wrong.size())));
    assertEquals(NasBenchMacroCodes.COUNT, rows.size());
  }

  @Test
  void handCountOfTheSmallestNetwork() {
    // stem 3x3x3x32 at 32x32; proj 32->64, 64->128, 128->256 at 16, 8, 4; head 256->1280 at 4x4; FC 1280->10
    long params = (864 + 64) + (2048 + 128) + (8192 + 256) + (32768 + 512) + (327680 + 2560) + (12800 + 10);
    long macs = 864L * 1024 + 2048L * 256 + 8192L * 64 + 32768L * 16 + 327680L * 16 + 12800;
    Cost c = CostModel.of(NasBenchMacroCodes.arch("00000000"));
    assertEquals(387_882L, params);
    assertEquals(7_713_280L, macs);
    assertEquals(params, c.params());
    assertEquals(macs, c.macs());
  }
}
