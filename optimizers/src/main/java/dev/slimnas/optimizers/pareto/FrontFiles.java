package dev.slimnas.optimizers.pareto;

import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes fronts as JSON ({@link FrontDocument}, versioned) and CSV (one row per candidate: the
 * objective columns, then {@code ops} and {@code widths} as space-separated lists). Writes are atomic.
 * Write the provenance record beside the file with {@code Provenance.of(...).writeBeside(file)}.
 */
public final class FrontFiles {
  private FrontFiles() {}

  /** Writes {@code front} as a versioned JSON document. */
  public static void writeJson(Path file, FrontDocument front) {
    Json.write(file, FrontDocument.SCHEMA, FrontDocument.VERSION, front);
  }

  /** Reads a document written by {@link #writeJson}; problems name the file. */
  public static FrontDocument readJson(Path file) {
    return Json.read(file, FrontDocument.SCHEMA, FrontDocument.VERSION, FrontDocument.class);
  }

  /** Writes {@code front} as CSV with a header row. */
  public static void writeCsv(Path file, FrontDocument front) {
    AtomicFiles.writeString(file, toCsv(front));
  }

  /** The CSV text of a front. */
  public static String toCsv(FrontDocument front) {
    StringBuilder sb = new StringBuilder();
    for (String name : front.objectives()) {
      if (name.contains(",") || name.contains("\"") || name.contains("\n")) {
        throw new IllegalArgumentException("objective name '" + name + "' cannot be a CSV column name");
      }
      sb.append(name).append(',');
    }
    sb.append("ops,widths\n");
    for (FrontDocument.Point p : front.points()) {
      for (double v : p.values()) {
        sb.append(format(v)).append(',');
      }
      sb.append(join(p.ops())).append(',').append(join(p.widths())).append('\n');
    }
    return sb.toString();
  }

  private static String join(List<? extends Number> values) {
    return values.stream().map(v -> v instanceof Double d ? format(d) : v.toString()).collect(Collectors.joining(" "));
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }
}
