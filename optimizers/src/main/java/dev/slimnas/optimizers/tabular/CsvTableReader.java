package dev.slimnas.optimizers.tabular;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the CSV layout: a header row, then one row per architecture; a column per position holding a
 * choice label (or its code, when the position has codes) and the metric fields; other columns are
 * ignored. Comma-separated, no quoting; blank lines and lines starting with {@code #} are skipped.
 */
final class CsvTableReader {
  private CsvTableReader() {}

  static BenchmarkTable read(TableSidecar s, byte[] bytes, String source) {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
    int li = 0;
    while (li < lines.length && skip(lines[li])) {
      li++;
    }
    if (li == lines.length) {
      throw new IllegalArgumentException(source + ": empty file (expected a header row)");
    }
    List<String> header = cells(lines[li]);
    int headerLine = li + 1;
    int[] posCol = new int[s.positions().size()];
    for (int p = 0; p < posCol.length; p++) {
      posCol[p] = column(header, s.positions().get(p).name(), source, headerLine);
    }
    int[] metricCol = new int[s.metrics().size()];
    for (int m = 0; m < metricCol.length; m++) {
      metricCol[m] = column(header, s.metrics().get(m).field(), source, headerLine);
    }
    List<Map<String, Integer>> lookup = new ArrayList<>();
    for (TableSidecar.Position p : s.positions()) {
      Map<String, Integer> m = new HashMap<>();
      for (int i = 0; i < p.labels().size(); i++) {
        m.put(p.labels().get(i), i);
        if (!p.codes().isEmpty()) {
          m.putIfAbsent(p.codes().get(i), i);
        }
      }
      lookup.add(m);
    }
    List<int[]> rows = new ArrayList<>();
    List<double[]> vals = new ArrayList<>();
    for (li = li + 1; li < lines.length; li++) {
      if (skip(lines[li])) {
        continue;
      }
      List<String> c = cells(lines[li]);
      String where = source + ": line " + (li + 1);
      if (c.size() != header.size()) {
        throw new IllegalArgumentException(where + ": " + c.size() + " cells, the header has " + header.size());
      }
      int[] arch = new int[posCol.length];
      for (int p = 0; p < posCol.length; p++) {
        Integer k = lookup.get(p).get(c.get(posCol[p]));
        if (k == null) {
          TableSidecar.Position pos = s.positions().get(p);
          throw new IllegalArgumentException(where + ": column '" + pos.name() + "': '" + c.get(posCol[p])
              + "' is not one of " + pos.labels() + (pos.codes().isEmpty() ? "" : " or codes " + pos.codes()));
        }
        arch[p] = k;
      }
      double[] v = new double[metricCol.length];
      for (int m = 0; m < v.length; m++) {
        String cell = c.get(metricCol[m]);
        try {
          v[m] = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(where + ": column '" + s.metrics().get(m).field() + "': '" + cell
              + "' is not a number");
        }
      }
      rows.add(arch);
      vals.add(v);
    }
    Map<String, double[]> values = new LinkedHashMap<>();
    for (int m = 0; m < metricCol.length; m++) {
      double[] col = new double[rows.size()];
      for (int r = 0; r < col.length; r++) {
        col[r] = vals.get(r)[m];
      }
      values.put(s.metrics().get(m).column(), col);
    }
    return new BenchmarkTable(s, rows, values, source);
  }

  private static boolean skip(String line) {
    String t = line.strip();
    return t.isEmpty() || t.startsWith("#");
  }

  private static List<String> cells(String line) {
    if (line.indexOf('"') >= 0) {
      throw new IllegalArgumentException("quoted CSV cells are not supported: " + line);
    }
    List<String> out = new ArrayList<>();
    for (String c : line.split(",", -1)) {
      out.add(c.strip());
    }
    return out;
  }

  private static int column(List<String> header, String name, String source, int line) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(source + ": line " + line + ": no column '" + name + "' in the header " + header);
    }
    return i;
  }
}
