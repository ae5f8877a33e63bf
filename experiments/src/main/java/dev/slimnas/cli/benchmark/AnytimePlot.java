package dev.slimnas.cli.benchmark;

import dev.slimnas.optimizers.tabular.report.BenchmarkReport;
import dev.slimnas.optimizers.tabular.report.OptimizerSummary;
import dev.slimnas.space.io.AtomicFiles;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code anytime.png}: mean best-so-far regret against evaluations, one line per optimizer, with a band of
 * plus/minus one standard error of the mean over repeats; logarithmic regret axis, values below
 * {@value #FLOOR} (objective units) drawn at the floor.
 */
final class AnytimePlot {
  private static final List<Color> COLORS = List.of(new Color(200, 60, 20), new Color(49, 130, 189),
      new Color(44, 160, 44), new Color(148, 103, 189), new Color(90, 90, 90), new Color(230, 160, 0),
      new Color(23, 190, 207));

  static final double FLOOR = 0.001;

  private AnytimePlot() {}

  static Path write(Path file, BenchmarkReport r) {
    String unit = r.objectiveUnit().equals("percent") ? "points" : r.objectiveUnit();
    XYChart c = new XYChartBuilder().width(900).height(540)
        .title(String.format(Locale.ROOT, "%s%s: best-so-far regret (mean +- s.e., %d repeats)", r.table(),
            r.constraint() == null ? "" : ", " + r.constraint(), r.repeats()))
        .xAxisTitle("evaluations (distinct architectures)").yAxisTitle("regret of " + r.objective() + " (" + unit + ", log scale, floor " + FLOOR + ")").build();
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
    c.getStyler().setAntiAlias(true);
    int k = 0;
    for (OptimizerSummary s : r.optimizers()) {
      Color color = COLORS.get(k++ % COLORS.size());
      int n = s.anytimeMean().size();
      double[] x = new double[n];
      double[] y = new double[n];
      double[] px = new double[2 * n];
      double[] py = new double[2 * n];
      double rootN = Math.sqrt(s.repeats());
      for (int i = 0; i < n; i++) {
        x[i] = i + 1;
        y[i] = Math.max(FLOOR, s.anytimeMean().get(i));
        double se = s.anytimeStd().get(i) / rootN;
        px[i] = x[i];
        py[i] = Math.max(FLOOR, y[i] + se);
        px[2 * n - 1 - i] = x[i];
        py[2 * n - 1 - i] = Math.max(FLOOR, s.anytimeMean().get(i) - se);
      }
      XYSeries band = c.addSeries(s.optimizer() + " band", px, py);
      band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
      band.setMarker(SeriesMarkers.NONE);
      band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 50));
      band.setLineColor(new Color(0, 0, 0, 0));
      band.setShowInLegend(false);
      XYSeries line = c.addSeries(s.optimizer(), x, y);
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      line.setMarker(SeriesMarkers.NONE);
      line.setLineColor(color);
    }
    try {
      AtomicFiles.writeBytes(file, BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render " + file + ": " + e.getMessage(), e);
    }
  }
}
