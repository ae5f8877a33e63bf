package dev.slimnas.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.cli.experiment.TransferExperimentCommand.Row;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentTablesTest {
  private final List<Row> rows = List.of(
      new Row(1, "uniform", "-", 100, 10, 0.50, 0, 0, 60),
      new Row(1, "direct", "t", 100, 10, 0.60, 8.0, 400, 60),
      new Row(1, "shallow", "p", 100, 10, 0.55, 2.0, 100, 60),
      new Row(2, "uniform", "-", 100, 10, 0.52, 0, 0, 60),
      new Row(2, "direct", "t", 100, 10, 0.62, 8.0, 600, 60),
      new Row(2, "shallow", "p", 100, 10, 0.59, 2.0, 150, 60));

  @Test
  void summaryAveragesOverSeedsAndMeasuresGapsAndReductionsAgainstDirect() {
    List<Map<String, Object>> s = ExperimentTables.transferSummary(rows);
    assertEquals(List.of("uniform", "direct", "shallow"), s.stream().map(m -> m.get("method")).toList());
    Map<String, Object> shallow = s.get(2);
    assertEquals(2, shallow.get("seeds"));
    assertEquals(0.57, (double) shallow.get("meanTestAccuracy"), 1e-12);
    assertEquals(4.0, (double) shallow.get("gapDirectMinusThisPoints"), 1e-9);
    assertEquals(4.0, (double) shallow.get("overheadReductionMacs"), 1e-12);
    assertEquals(500.0 / 125.0, (double) shallow.get("overheadReductionSeconds"), 1e-12);
    assertEquals(0.0, (double) s.get(1).get("gapDirectMinusThisPoints"), 1e-12);
    assertEquals(10.0, (double) s.get(0).get("gapDirectMinusThisPoints"), 1e-9);
    assertTrue(Double.isNaN((double) s.get(0).get("overheadReductionMacs")), "uniform widths cost no optimisation");
  }

  @Test
  void tableHasEveryRowAndTheSummary() {
    String t = ExperimentTables.transferTable(rows);
    assertEquals(6, t.lines().filter(l -> l.matches("\\| [12] \\|.*")).count(), t);
    assertTrue(t.contains("| shallow | 2 | 57.00% (55.00-59.00) | +4.00 points | 4.00x | 4.00x |"), t);
  }
}
