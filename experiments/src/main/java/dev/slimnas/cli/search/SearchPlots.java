package dev.slimnas.cli.search;

import dev.slimnas.latency.diff.SpaceBlockTable;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.supernet.search.SearchResult;
import dev.slimnas.supernet.search.TraceStep;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG plots of a search run: cross-entropy over steps ({@code ce.png}), predicted latency and lambda
 * over steps ({@code latency.png}), and the final op of every block with its predicted latency
 * ({@code choices.png}).
 */
public final class SearchPlots {
  private static final Map<String, Color> OP_COLORS = new LinkedHashMap<>();

  static {
    OP_COLORS.put("skip", new Color(180, 180, 180));
    OP_COLORS.put("k3e3", new Color(158, 202, 225));
    OP_COLORS.put("k3e6", new Color(49, 130, 189));
    OP_COLORS.put("k5e3", new Color(253, 174, 107));
    OP_COLORS.put("k5e6", new Color(230, 85, 13));
    OP_COLORS.put("other", new Color(116, 196, 118));
  }

  private SearchPlots() {}

  /** Writes the three plots into {@code dir} and returns their paths. */
  public static List<Path> write(Path dir, List<TraceStep> steps, SearchResult result, SpaceBlockTable table) {
    List<Path> out = new ArrayList<>();
    out.add(save(ce(steps), dir.resolve("ce.png")));
    out.add(save(latency(steps, result), dir.resolve("latency.png")));
    out.add(save(choices(result, table), dir.resolve("choices.png")));
    return out;
  }

  private static XYChart ce(List<TraceStep> steps) {
    XYChart c = new XYChartBuilder().width(900).height(500).title("supernet cross-entropy per step (label-smoothed, training batch)")
        .xAxisTitle("step").yAxisTitle("cross-entropy").build();
    c.getStyler().setLegendVisible(true);
    double[] x = new double[steps.size()];
    double[] y = new double[steps.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = steps.get(i).step();
      y[i] = steps.get(i).ce();
    }
    line(c, "batch", x, y, new Color(190, 190, 220));
    line(c, "moving average (50 steps)", x, movingAverage(y, 50), new Color(40, 40, 140));
    warmupMarker(c, steps, y);
    return c;
  }

  private static XYChart latency(List<TraceStep> steps, SearchResult result) {
    XYChart c = new XYChartBuilder().width(900).height(500)
        .title(String.format(Locale.ROOT, "latency on %s: read-out %.2f ms, after the fill %.2f ms",
            result.device(), result.supernetLatencyMs(), result.latencyMs()))
        .xAxisTitle("step").yAxisTitle("ms").build();
    double[] x = new double[steps.size()];
    double[] y = new double[steps.size()];
    double[] soft = new double[steps.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = steps.get(i).step();
      y[i] = steps.get(i).latencyMs();
      soft[i] = steps.get(i).softLatencyMs();
    }
    line(c, "latency (ms)", x, y, new Color(200, 60, 20));
    line(c, "soft latency (ms, what the controller acts on)", x, soft, new Color(240, 170, 120));
    if (result.budgetMs() > 0 && x.length > 0) {
      line(c, String.format(Locale.ROOT, "budget %.1f ms", result.budgetMs()), new double[] {x[0], x[x.length - 1]},
          new double[] {result.budgetMs(), result.budgetMs()}, Color.BLACK);
    }
    warmupMarker(c, steps, y);
    return c;
  }

  private static CategoryChart choices(SearchResult result, SpaceBlockTable table) {
    CategoryChart c = new CategoryChartBuilder().width(1000).height(500)
        .title("chosen op per block and its predicted latency on " + result.device())
        .xAxisTitle("block").yAxisTitle("ms").build();
    c.getStyler().setStacked(true);
    c.getStyler().setOverlapped(false);
    List<String> blocks = new ArrayList<>();
    for (int b = 0; b < result.ops().size(); b++) {
      blocks.add(Integer.toString(b));
    }
    for (Map.Entry<String, Color> e : OP_COLORS.entrySet()) {
      List<Double> ms = new ArrayList<>();
      boolean any = false;
      for (int b = 0; b < result.ops().size(); b++) {
        String code = result.ops().get(b);
        String kind = !table.searchable(b) ? "other" : code.startsWith("k") ? code.substring(0, 4) : code;
        boolean mine = kind.equals(e.getKey());
        any |= mine;
        ms.add(mine ? blockMs(table, b, code) : 0.0);
      }
      if (any) {
        c.addSeries(e.getKey().equals("other") ? "fixed block" : e.getKey(), blocks, ms).setFillColor(e.getValue());
      }
    }
    return c;
  }

  private static double blockMs(SpaceBlockTable table, int b, String code) {
    if (!table.searchable(b) || "skip".equals(code)) {
      return 0.0;
    }
    BlockOp op = BlockOp.parse(code);
    return table.ms(b, op.kernel(), op.expansion()) + (op.se() ? table.seMs()[b] : 0);
  }

  private static void warmupMarker(XYChart c, List<TraceStep> steps, double[] y) {
    long first = steps.stream().filter(s -> "search".equals(s.phase())).mapToLong(TraceStep::step).findFirst().orElse(-1);
    if (first <= 0 || y.length == 0) {
      return;
    }
    double lo = java.util.Arrays.stream(y).min().orElse(0);
    double hi = java.util.Arrays.stream(y).max().orElse(1);
    line(c, "end of warm-up", new double[] {first, first}, new double[] {lo, hi}, Color.GRAY);
  }

  private static void line(XYChart c, String name, double[] x, double[] y, Color color) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
  }

  static double[] movingAverage(double[] y, int window) {
    double[] out = new double[y.length];
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += y[i];
      if (i >= window) {
        sum -= y[i - window];
      }
      out[i] = sum / Math.min(i + 1, window);
    }
    return out;
  }

  private static Path save(Chart<?, ?> chart, Path file) {
    try {
      AtomicFiles.writeBytes(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render " + file + ": " + e.getMessage(), e);
    }
  }
}
