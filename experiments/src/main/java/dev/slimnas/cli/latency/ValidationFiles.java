package dev.slimnas.cli.latency;

import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.Json;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes a validation report as JSON, CSV (one row per network) and a measured-vs-predicted scatter plot (PNG). */
final class ValidationFiles {
  static final String JSON = "validation.json";
  static final String CSV = "validation.csv";
  static final String PNG = "scatter.png";

  private ValidationFiles() {}

  static void write(Path dir, ValidationReport r, long seed) {
    Json.write(dir.resolve(JSON), ValidationReport.SCHEMA, 1, r);
    AtomicFiles.writeString(dir.resolve(CSV), csv(r.rows()));
    AtomicFiles.writeBytes(dir.resolve(PNG), png(r));
    Map<String, Object> details = new LinkedHashMap<>(r.conditions());
    details.put("profile", r.profile());
    Provenance.of(JSON, "latency-validation", seed, null, details).writeBeside(dir.resolve(JSON));
  }

  static String csv(List<ValidationReport.Row> rows) {
    StringBuilder sb = new StringBuilder("space,arch,fingerprint,mmacs,measured_ms,iqr_ms,predicted_ms,sum_of_parts_ms,error_pct\n");
    for (ValidationReport.Row x : rows) {
      sb.append(String.format(Locale.ROOT, "%s,%s,%s,%.3f,%.4f,%.4f,%.4f,%.4f,%.3f%n", x.space(), x.arch(), x.fingerprint(), x.mmacs(),
          x.measuredMs(), x.spreadMs(), x.predictedMs(), x.sumOfPartsMs(), x.errorPct()));
    }
    return sb.toString();
  }

  static byte[] png(ValidationReport r) {
    System.setProperty("java.awt.headless", "true");
    var all = r.stats().get("all");
    XYChart c = new XYChartBuilder().width(900).height(800)
        .title(String.format(Locale.ROOT, "%s: MAPE %.2f%%, within +/-10%% %.1f%%, Spearman %.3f", r.profile(), all.mapePct(),
            all.within10Pct(), all.spearman()))
        .xAxisTitle("measured latency (ms)").yAxisTitle("predicted latency (ms)").build();
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    c.getStyler().setMarkerSize(6);
    double lo = Double.MAX_VALUE;
    double hi = 0;
    Map<String, List<ValidationReport.Row>> bySpace = new LinkedHashMap<>();
    for (ValidationReport.Row x : r.rows()) {
      bySpace.computeIfAbsent(x.space(), k -> new java.util.ArrayList<>()).add(x);
      lo = Math.min(lo, Math.min(x.measuredMs(), x.predictedMs()));
      hi = Math.max(hi, Math.max(x.measuredMs(), x.predictedMs()));
    }
    for (var e : bySpace.entrySet()) {
      c.addSeries(e.getKey(), e.getValue().stream().mapToDouble(ValidationReport.Row::measuredMs).toArray(),
          e.getValue().stream().mapToDouble(ValidationReport.Row::predictedMs).toArray());
    }
    lo = 0;
    hi *= 1.1;
    c.getStyler().setXAxisMin(lo).setXAxisMax(hi).setYAxisMin(lo).setYAxisMax(hi);
    line(c, "y = x", lo, hi, 1.0, Color.DARK_GRAY);
    line(c, "+10%", lo, hi, 1.1, Color.LIGHT_GRAY);
    line(c, "-10%", lo, hi, 0.9, Color.LIGHT_GRAY);
    try {
      return BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the scatter plot: " + e.getMessage(), e);
    }
  }

  private static void line(XYChart c, String name, double lo, double hi, double factor, Color color) {
    XYSeries s = c.addSeries(name, new double[] {lo, hi}, new double[] {lo * factor, hi * factor});
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
  }
}
