package dev.slimnas.optimizers.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tabular benchmark in memory: one row per architecture (a choice index per position), one array of
 * values per metric column. Rows are sorted by their mixed-radix index, so a table does not depend on the
 * order of its file. An architecture may be absent (a table need not cover the whole product space).
 * Immutable.
 */
public final class BenchmarkTable {
  /** Largest product space a table may span (the look-up array holds one int per architecture). */
  public static final long MAX_SPACE = 1L << 26;

  private final TableSidecar sidecar;
  private final int[] radix;
  private final int[][] choices;
  private final Map<String, double[]> metrics;
  private final int[] rowOfIndex;

  /**
   * A table from rows; {@code values.get(column)[i]} belongs to {@code rows.get(i)}. Duplicate
   * architectures and metric values that are not finite are refused, naming the row.
   */
  public BenchmarkTable(TableSidecar sidecar, List<int[]> rows, Map<String, double[]> values, String source) {
    this.sidecar = sidecar;
    this.radix = sidecar.positions().stream().mapToInt(p -> p.labels().size()).toArray();
    long space = 1;
    for (int r : radix) {
      space *= r;
      if (space > MAX_SPACE) {
        throw new IllegalArgumentException(source + ": the product space is larger than " + MAX_SPACE + " architectures");
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(source + ": the table has no rows");
    }
    int[] order = new int[rows.size()];
    long[] keys = new long[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      keys[i] = index(rows.get(i));
    }
    Integer[] boxed = new Integer[rows.size()];
    for (int i = 0; i < boxed.length; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> Long.compare(keys[a], keys[b]));
    for (int i = 0; i < order.length; i++) {
      order[i] = boxed[i];
    }
    this.rowOfIndex = new int[(int) space];
    Arrays.fill(rowOfIndex, -1);
    this.choices = new int[rows.size()][];
    for (int i = 0; i < order.length; i++) {
      int[] c = rows.get(order[i]).clone();
      int key = (int) keys[order[i]];
      if (rowOfIndex[key] >= 0) {
        throw new IllegalArgumentException(source + ": architecture " + code(c) + " appears twice");
      }
      rowOfIndex[key] = i;
      choices[i] = c;
    }
    this.metrics = new LinkedHashMap<>();
    for (TableSidecar.Metric m : sidecar.metrics()) {
      double[] in = values.get(m.column());
      if (in == null || in.length != rows.size()) {
        throw new IllegalArgumentException(source + ": no values for metric column '" + m.column() + "'");
      }
      double[] out = new double[in.length];
      for (int i = 0; i < order.length; i++) {
        out[i] = in[order[i]];
        if (!Double.isFinite(out[i])) {
          throw new IllegalArgumentException(source + ": architecture " + code(choices[i]) + ": " + m.column()
              + " is not a finite number");
        }
      }
      metrics.put(m.column(), out);
    }
  }

  public TableSidecar sidecar() {
    return sidecar;
  }

  public String name() {
    return sidecar.name();
  }

  /** Number of positions. */
  public int positions() {
    return radix.length;
  }

  /** Number of choices at position {@code p}. */
  public int cardinality(int p) {
    return radix[p];
  }

  /** Number of rows (architectures in the table). */
  public int size() {
    return choices.length;
  }

  /** Size of the product space (all combinations of choices). */
  public int spaceSize() {
    return rowOfIndex.length;
  }

  /** The choices of row {@code row} (a copy). */
  public int[] choices(int row) {
    return choices[row].clone();
  }

  /** The row of an architecture, or -1 if the table does not hold it. */
  public int row(int[] choices) {
    return rowOfIndex[(int) index(choices)];
  }

  /** The mixed-radix index of an architecture (position 0 most significant). */
  public long index(int[] choices) {
    if (choices.length != radix.length) {
      throw new IllegalArgumentException("expected " + radix.length + " choices, got " + choices.length);
    }
    long k = 0;
    for (int p = 0; p < radix.length; p++) {
      if (choices[p] < 0 || choices[p] >= radix[p]) {
        throw new IllegalArgumentException("choice " + choices[p] + " out of range at position "
            + sidecar.positions().get(p).name() + " (0.." + (radix[p] - 1) + ")");
      }
      k = k * radix[p] + choices[p];
    }
    return k;
  }

  /** The metric column names, in sidecar order. */
  public List<String> columns() {
    return List.copyOf(metrics.keySet());
  }

  /** Value of {@code column} at {@code row}. */
  public double value(String column, int row) {
    return column(column)[row];
  }

  /** The values of a column, by row (not a copy: do not modify). */
  double[] column(String column) {
    double[] v = metrics.get(column);
    if (v == null) {
      throw new IllegalArgumentException("no metric column '" + column + "' (columns: " + String.join(", ", metrics.keySet()) + ")");
    }
    return v;
  }

  /** The values of a column, by row (a copy). */
  public double[] values(String column) {
    return column(column).clone();
  }

  /** The objective column's name. */
  public String objective() {
    return sidecar.objective();
  }

  /** The objective of a row. */
  public double objective(int row) {
    return column(sidecar.objective())[row];
  }

  /**
   * The lower empirical quantile of a column over all rows: the value of rank {@code max(1, ceil(q * n))}
   * in ascending order ({@code q = 0} the minimum, {@code 0.5} the lower median, {@code 1} the maximum).
   */
  public double quantile(String column, double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
    }
    double[] sorted = values(column);
    Arrays.sort(sorted);
    int rank = Math.max(1, (int) Math.ceil(q * sorted.length - 1e-9));
    return sorted[rank - 1];
  }

  /** The labels of an architecture joined by '-', e.g. {@code id-k3e3-k5e6}. */
  public String label(int[] c) {
    List<String> out = new ArrayList<>();
    for (int p = 0; p < c.length; p++) {
      out.add(sidecar.positions().get(p).labels().get(c[p]));
    }
    return String.join("-", out);
  }

  /** The concatenated codes of an architecture if every position has codes, else its labels joined by '-'. */
  public String code(int[] c) {
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p < c.length; p++) {
      List<String> codes = sidecar.positions().get(p).codes();
      if (codes.isEmpty()) {
        return label(c);
      }
      sb.append(codes.get(c[p]));
    }
    return sb.toString();
  }
}
