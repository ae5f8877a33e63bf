package dev.slimnas.optimizers.tabular;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.space.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON layout published benchmarks such as NAS-Bench-Macro use: one object keyed by the
 * architecture's code (the positions' codes concatenated, e.g. {@code "02012100"}), each value an object
 * holding the metric fields (numbers; other fields, e.g. per-seed arrays, are ignored).
 */
final class CodeJsonTableReader {
  private CodeJsonTableReader() {}

  static BenchmarkTable read(TableSidecar s, byte[] bytes, String source) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": malformed JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + ": expected a JSON object keyed by architecture codes");
    }
    List<TableSidecar.Position> positions = s.positions();
    int[] width = positions.stream().mapToInt(p -> p.codes().get(0).length()).toArray();
    int keyLength = java.util.Arrays.stream(width).sum();
    List<int[]> rows = new ArrayList<>();
    List<double[]> vals = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (key.length() != keyLength) {
        throw new IllegalArgumentException(source + ": key \"" + key + "\": expected " + keyLength + " characters of codes");
      }
      int[] arch = new int[positions.size()];
      int at = 0;
      for (int p = 0; p < arch.length; p++) {
        String code = key.substring(at, at + width[p]);
        arch[p] = positions.get(p).codes().indexOf(code);
        if (arch[p] < 0) {
          throw new IllegalArgumentException(source + ": key \"" + key + "\": position " + positions.get(p).name()
              + ": code '" + code + "' is not one of " + positions.get(p).codes());
        }
        at += width[p];
      }
      double[] v = new double[s.metrics().size()];
      for (int m = 0; m < v.length; m++) {
        String field = s.metrics().get(m).field();
        JsonNode n = e.getValue().get(field);
        if (n == null || !n.isNumber()) {
          throw new IllegalArgumentException(source + ": at $." + key + "." + field + ": missing or not a number");
        }
        v[m] = n.doubleValue();
      }
      rows.add(arch);
      vals.add(v);
    }
    Map<String, double[]> values = new LinkedHashMap<>();
    for (int m = 0; m < s.metrics().size(); m++) {
      double[] col = new double[rows.size()];
      for (int r = 0; r < col.length; r++) {
        col[r] = vals.get(r)[m];
      }
      values.put(s.metrics().get(m).column(), col);
    }
    return new BenchmarkTable(s, rows, values, source);
  }
}
