package dev.slimnas.cli.experiment;

import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.optimizers.pareto.CostLossFront;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.supernet.slim.SlimmableFamily;
import dev.slimnas.supernet.slim.SubnetEvaluator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The fronts of the slimmable experiment (objectives: latency ms, test error) per seed and method, their
 * comparison over the common latency range {@code [lo, hi]} (smallest to full network): the mean test
 * accuracy of the best network under each latency (the area under the accuracy-latency step curve
 * divided by the range; nothing under a latency counts as accuracy 0) and the best accuracy under
 * three budgets at 25 / 50 / 75% of the range.
 */
final class SlimFronts {
  private final double lo;
  private final double hi;
  private final Map<Long, Map<String, List<Candidate>>> fronts = new LinkedHashMap<>();

  SlimFronts(double lo, double hi) {
    this.lo = lo;
    this.hi = hi;
  }

  void add(long seed, String method, List<Candidate> points) {
    fronts.computeIfAbsent(seed, s -> new LinkedHashMap<>()).put(method, List.copyOf(points));
  }

  double[] budgets() {
    return new double[] {lo + 0.25 * (hi - lo), lo + 0.5 * (hi - lo), lo + 0.75 * (hi - lo)};
  }

  /** Mean accuracy over [lo, hi] of the best point under each latency. */
  double meanAccuracy(List<Candidate> points) {
    CostLossFront f = CostLossFront.of(points);
    return 1 - f.area(lo, hi * (1 + 1e-9), 1) / (hi * (1 + 1e-9) - lo);
  }

  static double bestAccuracy(List<Candidate> points, double budget) {
    OptionalDouble e = CostLossFront.of(points).bestLoss(budget);
    return e.isPresent() ? 1 - e.getAsDouble() : Double.NaN;
  }

  String table() {
    double[] b = budgets();
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "| seed | method | mean accuracy over %.1f-%.1f ms | best <= %.1f ms | best <= %.1f ms | best <= %.1f ms | points |%n|---|---|---|---|---|---|---|%n",
        lo, hi, b[0], b[1], b[2]));
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (Map.Entry<Long, Map<String, List<Candidate>>> e : fronts.entrySet()) {
      for (Map.Entry<String, List<Candidate>> m : e.getValue().entrySet()) {
        double[] row = {meanAccuracy(m.getValue()), bestAccuracy(m.getValue(), b[0]), bestAccuracy(m.getValue(), b[1]),
            bestAccuracy(m.getValue(), b[2])};
        s.append(String.format(Locale.ROOT, "| %d | %s | %.2f%% | %s | %s | %s | %d |%n", e.getKey(), m.getKey(), 100 * row[0],
            pct(row[1]), pct(row[2]), pct(row[3]), m.getValue().size()));
        double[] acc = sums.computeIfAbsent(m.getKey(), k -> new double[5]);
        for (int i = 0; i < 4; i++) {
          acc[i] += row[i];
        }
        acc[4]++;
      }
    }
    for (Map.Entry<String, double[]> m : sums.entrySet()) {
      double[] a = m.getValue();
      s.append(String.format(Locale.ROOT, "| mean of %d | %s | %.2f%% | %s | %s | %s | |%n", (int) a[4], m.getKey(), 100 * a[0] / a[4],
          pct(a[1] / a[4]), pct(a[2] / a[4]), pct(a[3] / a[4])));
    }
    return s.toString();
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
  }

  void write(Path out, Map<String, Object> scale) {
    StringBuilder md = new StringBuilder("Scale: " + scale + "\n\n");
    md.append(table());
    AtomicFiles.writeString(out.resolve("table.md"), md.toString());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scale", scale);
    json.put("latencyRangeMs", List.of(lo, hi));
    json.put("budgetsMs", budgets());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map.Entry<Long, Map<String, List<Candidate>>> e : fronts.entrySet()) {
      for (Map.Entry<String, List<Candidate>> m : e.getValue().entrySet()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seed", e.getKey());
        r.put("method", m.getKey());
        r.put("meanAccuracy", meanAccuracy(m.getValue()));
        double[] b = budgets();
        r.put("bestAccuracyAtBudgets", new double[] {bestAccuracy(m.getValue(), b[0]), bestAccuracy(m.getValue(), b[1]),
            bestAccuracy(m.getValue(), b[2])});
        r.put("points", m.getValue().stream().map(c -> List.of(c.objective(0), 1 - c.objective(1))).toList());
        rows.add(r);
      }
    }
    json.put("fronts", rows);
    AtomicFiles.writeString(out.resolve("table.json"), Json.toJson("slimnas.slimmable-experiment", 1, json));
    plot(out.resolve("fronts.png"));
  }

  private void plot(Path file) {
    XYChart c = new XYChartBuilder().width(900).height(560).title("CIFAR-10 test accuracy vs predicted Pixel 1 latency (fronts)")
        .xAxisTitle("predicted latency of the 224x224 deployment network (ms)").yAxisTitle("test accuracy (%)").build();
    for (Map.Entry<Long, Map<String, List<Candidate>>> e : fronts.entrySet()) {
      for (Map.Entry<String, List<Candidate>> m : e.getValue().entrySet()) {
        CostLossFront f = CostLossFront.of(m.getValue());
        if (f.isEmpty()) {
          continue;
        }
        double[] x = new double[f.size()];
        double[] y = new double[f.size()];
        for (int i = 0; i < x.length; i++) {
          x[i] = f.cost(i);
          y[i] = 100 * (1 - f.loss(i));
        }
        XYSeries s = c.addSeries(m.getKey() + " (seed " + e.getKey() + ")", x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
      }
    }
    try {
      BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write " + file, ex);
    }
  }

  /** Validation (latency, error) of each configuration, BN-recalibrated; returns the non-dominated ones. */
  static List<Candidate> validated(List<ArchEncoding> configs, ComputationGraph net, SlimmableFamily family, SubnetEvaluator onVal,
      ToDoubleFunction<ArchEncoding> latency) {
    List<Candidate> out = new ArrayList<>();
    for (ArchEncoding e : configs) {
      out.add(Candidate.of(e, latency.applyAsDouble(e), 1 - onVal.evaluate(net, family.arch(e.widths().toArray())).accuracy()));
    }
    return CostLossFront.of(out).points();
  }

  /** Up to {@code n} of {@code front} (sorted by cost), spread evenly by index, first and last included. */
  static List<ArchEncoding> spread(List<Candidate> front, int n) {
    return evenly(CostLossFront.of(front).points().stream().map(Candidate::encoding).toList(), n);
  }

  /** {@link #spread(List, int)} of encodings already on a front: ordered by {@code latency}, one per latency. */
  static List<ArchEncoding> spread(List<ArchEncoding> front, ToDoubleFunction<ArchEncoding> latency, int n) {
    java.util.TreeMap<Double, ArchEncoding> byLatency = new java.util.TreeMap<>();
    front.forEach(e -> byLatency.put(latency.applyAsDouble(e), e));
    return evenly(new ArrayList<>(byLatency.values()), n);
  }

  /** Up to {@code n} items of {@code sorted}, evenly spaced by index, first and last included, no repeats. */
  private static List<ArchEncoding> evenly(List<ArchEncoding> sorted, int n) {
    if (sorted.size() <= n) {
      return List.copyOf(sorted);
    }
    List<ArchEncoding> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ArchEncoding e = sorted.get((int) Math.round(i * (sorted.size() - 1) / (double) (n - 1)));
      if (!out.contains(e)) {
        out.add(e);
      }
    }
    return out;
  }
}
