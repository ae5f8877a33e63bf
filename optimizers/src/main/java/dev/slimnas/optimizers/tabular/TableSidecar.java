package dev.slimnas.optimizers.tabular;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON sidecar of a benchmark table ({@code slimnas.benchmark-table} v1): what the decision positions
 * and their domains are, where the data is and its checksum, which column is the objective and which are
 * costs, and where the data comes from and under which licence.
 *
 * @param name short name (e.g. {@code nas-bench-macro})
 * @param description one sentence
 * @param layout {@code csv} (one row per architecture, gzip allowed) or {@code json-codes} (an object keyed
 *     by the concatenated choice codes, as NAS-Bench-Macro ships it)
 * @param file the data file, relative to the sidecar
 * @param sha256 SHA-256 of the data file's uncompressed content, verified on every load
 * @param positions the decision positions, in order
 * @param metrics the metric columns: the name used here, the field (CSV header or JSON key) it is read from
 * @param objective the objective column
 * @param maximize true if larger objective values are better (accuracy)
 * @param costs the cost columns a constraint may name (params, MACs, latencies, energy, ...)
 * @param provenance source, commit, paper, recipe, ... (free-form, sorted keys)
 * @param license SPDX identifier of the data's licence
 * @param licenseFile the licence text, relative to the sidecar ("" if none)
 * @param notes remarks on the encoding (what a choice means at a given position, ...)
 */
public record TableSidecar(String name, String description, String layout, String file, String sha256,
    List<Position> positions, List<Metric> metrics, String objective, boolean maximize, List<String> costs,
    Map<String, String> provenance, String license, String licenseFile, List<String> notes) {

  public static final String SCHEMA = "slimnas.benchmark-table";
  public static final String CSV = "csv";
  public static final String JSON_CODES = "json-codes";

  public TableSidecar {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("name '" + name + "' may only hold letters, digits, '.', '_' and '-'");
    }
    if (!layout.equals(CSV) && !layout.equals(JSON_CODES)) {
      throw new IllegalArgumentException("layout must be '" + CSV + "' or '" + JSON_CODES + "', got '" + layout + "'");
    }
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
    }
    positions = List.copyOf(positions);
    metrics = List.copyOf(metrics);
    costs = List.copyOf(costs);
    provenance = java.util.Collections.unmodifiableMap(new TreeMap<>(provenance));
    notes = List.copyOf(notes);
    if (positions.isEmpty()) {
      throw new IllegalArgumentException("positions must not be empty");
    }
    Set<String> names = new HashSet<>();
    for (Position p : positions) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("position '" + p.name() + "' is defined twice");
      }
    }
    List<String> columns = new ArrayList<>();
    for (Metric m : metrics) {
      if (columns.contains(m.column()) || names.contains(m.column())) {
        throw new IllegalArgumentException("metric column '" + m.column() + "' is defined twice");
      }
      columns.add(m.column());
    }
    if (!columns.contains(objective)) {
      throw new IllegalArgumentException("objective '" + objective + "' is not a metric column (metrics: "
          + String.join(", ", columns) + ")");
    }
    for (String c : costs) {
      if (!columns.contains(c) || c.equals(objective)) {
        throw new IllegalArgumentException("cost '" + c + "' is not a metric column other than the objective (metrics: "
            + String.join(", ", columns) + ")");
      }
    }
    if (layout.equals(JSON_CODES)) {
      for (Position p : positions) {
        if (p.codes().isEmpty()) {
          throw new IllegalArgumentException("position '" + p.name() + "' needs codes for layout '" + JSON_CODES + "'");
        }
      }
    }
  }

  /**
   * A decision position and its finite domain.
   *
   * @param name column name (e.g. {@code p0})
   * @param labels the choice labels (e.g. {@code id, k3e3, k5e6}); a choice's index is its place here
   * @param codes the code of each label in a {@code json-codes} key, all of one length; may be empty for CSV
   *     (a CSV cell holds a label or, when codes are given, a code)
   * @param note what the choices mean at this position ("" if nothing to add)
   */
  public record Position(String name, List<String> labels, List<String> codes, String note) {
    public Position {
      Objects.requireNonNull(name, "name");
      labels = List.copyOf(labels);
      codes = List.copyOf(codes);
      if (labels.size() < 2) {
        throw new IllegalArgumentException("position '" + name + "' needs at least two labels, got " + labels);
      }
      if (Set.copyOf(labels).size() != labels.size()) {
        throw new IllegalArgumentException("position '" + name + "' repeats a label: " + labels);
      }
      if (!codes.isEmpty()) {
        if (codes.size() != labels.size() || Set.copyOf(codes).size() != codes.size()
            || codes.stream().map(String::length).distinct().count() != 1 || codes.get(0).isEmpty()) {
          throw new IllegalArgumentException("position '" + name + "': codes must be distinct, non-empty, of one length"
              + " and one per label, got " + codes + " for " + labels);
        }
      }
    }
  }

  /**
   * A metric column.
   *
   * @param column the name used in constraints, reports and objectives
   * @param field the CSV header or JSON key it is read from
   * @param unit unit of the values (e.g. {@code percent}, {@code MACs})
   * @param description one phrase
   */
  public record Metric(String column, String field, String unit, String description) {
    public Metric {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(field, "field");
    }
  }

  /** The metric column named {@code column}. */
  public Metric metric(String column) {
    return metrics.stream().filter(m -> m.column().equals(column)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no metric column '" + column + "'"));
  }
}
