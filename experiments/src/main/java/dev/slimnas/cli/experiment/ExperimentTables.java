package dev.slimnas.cli.experiment;

import dev.slimnas.cli.experiment.TransferExperimentCommand.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The transfer experiment's tables: one row per seed and method, means over seeds, gaps and reductions. */
final class ExperimentTables {
  private ExperimentTables() {}

  /**
   * Per method, means over seeds: accuracy, the gap to {@code direct} (direct minus method, in points), the
   * width-optimisation cost, and its reduction against {@code direct} (exact MACs and measured seconds).
   */
  static List<Map<String, Object>> transferSummary(List<Row> rows) {
    Map<String, List<Row>> byMethod = new LinkedHashMap<>();
    for (Row r : rows) {
      byMethod.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
    }
    List<Row> direct = byMethod.getOrDefault("direct", List.of());
    double directAcc = mean(direct, Row::testAccuracy);
    double directTmacs = mean(direct, Row::optimizationTmacs);
    double directSeconds = mean(direct, Row::optimizationSeconds);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<String, List<Row>> e : byMethod.entrySet()) {
      List<Row> rs = e.getValue();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("method", e.getKey());
      m.put("seeds", rs.size());
      m.put("meanTestAccuracy", mean(rs, Row::testAccuracy));
      m.put("minTestAccuracy", rs.stream().mapToDouble(Row::testAccuracy).min().orElse(Double.NaN));
      m.put("maxTestAccuracy", rs.stream().mapToDouble(Row::testAccuracy).max().orElse(Double.NaN));
      m.put("meanMacs", mean(rs, Row::macs));
      m.put("gapDirectMinusThisPoints", 100 * (directAcc - mean(rs, Row::testAccuracy)));
      double tmacs = mean(rs, Row::optimizationTmacs);
      double seconds = mean(rs, Row::optimizationSeconds);
      m.put("optimizationTmacs", tmacs);
      m.put("optimizationSeconds", seconds);
      m.put("overheadReductionMacs", tmacs > 0 ? directTmacs / tmacs : Double.NaN);
      m.put("overheadReductionSeconds", seconds > 0 ? directSeconds / seconds : Double.NaN);
      out.add(m);
    }
    return out;
  }

  /** Markdown: every row, then the summary. */
  static String transferTable(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| seed | method | widths optimized on | MMACs | params | test accuracy | optimization TMACs | optimization s |\n");
    sb.append("|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %.1f | %d | %.2f%% | %s | %s |%n", r.seed(), r.method(), r.optimizedOn(),
          r.macs() / 1e6, r.params(), 100 * r.testAccuracy(), r.optimizationTmacs() > 0 ? String.format(Locale.ROOT, "%.3f", r.optimizationTmacs()) : "-",
          r.optimizationSeconds() > 0 ? String.format(Locale.ROOT, "%.0f", r.optimizationSeconds()) : "-"));
    }
    sb.append("\n| method | seeds | mean test accuracy (min-max) | gap direct - this | overhead reduction vs direct (MACs) | (measured time) |\n");
    sb.append("|---|---|---|---|---|---|\n");
    for (Map<String, Object> m : transferSummary(rows)) {
      sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f%% (%.2f-%.2f) | %+.2f points | %s | %s |%n", m.get("method"), (Integer) m.get("seeds"),
          100 * (double) m.get("meanTestAccuracy"), 100 * (double) m.get("minTestAccuracy"), 100 * (double) m.get("maxTestAccuracy"),
          (double) m.get("gapDirectMinusThisPoints"), times((double) m.get("overheadReductionMacs")),
          times((double) m.get("overheadReductionSeconds"))));
    }
    return sb.toString();
  }

  private static String times(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2fx", v);
  }

  private static double mean(List<Row> rows, ToDoubleFunction<Row> f) {
    return rows.stream().mapToDouble(f).average().orElse(Double.NaN);
  }
}
