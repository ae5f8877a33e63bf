package dev.slimnas.cli.experiment;

import dev.slimnas.optimizers.groundtruth.GroundTruth;
import dev.slimnas.optimizers.groundtruth.SearchOutcome;
import dev.slimnas.optimizers.ranking.RankAgreement;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.Json;
import dev.slimnas.supernet.train.TrainResult;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The ground-truth experiment's outputs: {@code table.md}, {@code table.json}, {@code ranking.json}, scatter PNGs. */
final class GroundTruthReport {
  /** One method's supernet, ranking and searches. */
  record MethodResult(String method, TrainResult training, List<String> codes, double[] predicted, double[] truth,
      RankAgreement all, RankAgreement top, List<BudgetResult> budgets, double evaluationSeconds, int evaluations) {}

  /** One budget: every method's outcome (oracle, uniform, nsga and random per seed), new evaluations and wall time. */
  record BudgetResult(String cost, double quantile, double budget, int feasible, List<SearchOutcome> outcomes,
      int newEvaluations, double seconds) {}

  private final Map<String, Object> settings;
  private final GroundTruth truth;
  private final List<MethodResult> methods = new ArrayList<>();
  private final List<SinglePathBudgets.Budget> singlePath = new ArrayList<>();

  GroundTruthReport(Map<String, Object> settings, GroundTruth truth) {
    this.settings = settings;
    this.truth = truth;
  }

  void add(MethodResult r) {
    methods.add(r);
  }

  /** A budget's single-path searches (replaces an earlier entry of the same budget). */
  void addSinglePath(SinglePathBudgets.Budget b) {
    singlePath.removeIf(o -> o.cost().equals(b.cost()) && o.quantile() == b.quantile());
    singlePath.add(b);
  }

  static String formatCost(String cost, double v) {
    return cost.equals("macs") ? String.format(Locale.ROOT, "%.1f MMACs", v / 1e6) : String.format(Locale.ROOT, "%.2f ms", v);
  }

  void write(Path out) {
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AtomicFiles.writeString(out.resolve("table.md"), markdown());
    Json.write(out.resolve("table.json"), "slimnas.ground-truth", 1, document());
    Json.write(out.resolve("ranking.json"), "slimnas.ground-truth-ranking", 1, ranking());
    for (MethodResult m : methods) {
      scatter(m, out.resolve("scatter-" + m.method() + ".png"));
    }
    Provenance.of("table.json", "ground-truth-experiment", null, null, settings).writeBeside(out.resolve("table.json"));
  }

  private Map<String, Object> ranking() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("settings", settings);
    for (MethodResult m : methods) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("all", m.all());
      r.put("topFraction", m.top());
      List<Map<String, Object>> points = new ArrayList<>();
      for (int i = 0; i < m.codes().size(); i++) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", m.codes().get(i));
        p.put("supernetAccuracy", m.predicted()[i]);
        p.put("meanAcc", m.truth()[i]);
        points.add(p);
      }
      r.put("points", points);
      doc.put(m.method(), r);
    }
    return doc;
  }

  private Map<String, Object> document() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("settings", settings);
    doc.put("table", truth.table().name());
    List<Map<String, Object>> ms = new ArrayList<>();
    for (MethodResult m : methods) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("method", m.method());
      r.put("trainingSteps", m.training().steps());
      r.put("trainingImages", m.training().images());
      r.put("trainingSeconds", m.training().seconds());
      r.put("evaluations", m.evaluations());
      r.put("evaluationSeconds", m.evaluationSeconds());
      r.put("ranking", m.all());
      r.put("rankingTop", m.top());
      r.put("budgets", m.budgets());
      ms.add(r);
    }
    doc.put("methods", ms);
    if (!singlePath.isEmpty()) {
      List<Map<String, Object>> sp = new ArrayList<>();
      for (SinglePathBudgets.Budget b : singlePath) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("cost", b.cost());
        r.put("quantile", b.quantile());
        r.put("budget", b.budget());
        r.put("feasible", b.feasible());
        r.put("oracle", b.oracle());
        r.put("uniform", b.uniform());
        r.put("found", b.found());
        r.put("budgetUse", b.found().stream().map(o -> o.cost() / b.budget()).toList());
        r.put("fill", b.fill());
        r.put("supernetSeconds", b.seconds());
        sp.add(r);
      }
      doc.put("singlePath", sp);
    }
    return doc;
  }

  String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Ground truth: the weight-sharing pipeline against NAS-Bench-Macro (CIFAR-10)\n\n");
    sb.append("Settings: `").append(Json.fingerprint(settings)).append("` ").append(settings).append("\n\n");
    sb.append("## Ranking quality (supernet BN-recalibrated validation accuracy vs benchmark mean test accuracy)\n\n");
    sb.append("| method | steps | train s | networks | Kendall tau-b [95% CI] | Spearman [95% CI] | top decile: n | tau-b [CI] | Spearman [CI] |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|\n");
    for (MethodResult m : methods) {
      RankAgreement a = m.all();
      RankAgreement t = m.top();
      sb.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %d | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] | %d | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] |%n",
          m.method(), m.training().steps(), m.training().seconds(), a.n(), a.kendallTau(), a.kendallLow(), a.kendallHigh(),
          a.spearman(), a.spearmanLow(), a.spearmanHigh(), t.n(), t.kendallTau(), t.kendallLow(), t.kendallHigh(), t.spearman(),
          t.spearmanLow(), t.spearmanHigh()));
    }
    for (MethodResult m : methods) {
      if (m.budgets().isEmpty()) {
        continue;
      }
      sb.append("\n## Search quality over the ").append(m.method()).append(" supernet (ground truth = benchmark mean_acc, %)\n\n");
      sb.append("Per budget: the oracle (best network under it), the best uniform network (one op everywhere), and NSGA-II and random search")
          .append(" with equal supernet evaluations, mean ± sd over the search seeds; regret = oracle − found (points); pct = share of the")
          .append(" networks under the budget the found one equals or beats; gain = NSGA-II − random (points, mean over seeds, and seeds won).\n\n");
      sb.append("| cost | q | budget | networks under | oracle | uniform (regret) | NSGA-II | regret | pct | random | regret | pct | gain NSGA−random | evals NSGA / random | new evals | s |\n");
      sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
      for (BudgetResult b : m.budgets()) {
        SearchOutcome oracle = pick(b, "oracle").get(0);
        List<SearchOutcome> uni = pick(b, "uniform");
        List<SearchOutcome> nsga = pick(b, "nsga");
        List<SearchOutcome> rnd = pick(b, "random");
        int won = 0;
        double gain = 0;
        for (int i = 0; i < nsga.size(); i++) {
          double g = nsga.get(i).truth() - rnd.get(i).truth();
          gain += g / nsga.size();
          won += g > 0 ? 1 : 0;
        }
        sb.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %d | %.2f (%s) | %s | %s | %s | %s | %s | %s | %s | %+.2f (%d/%d) | %s / %s | %d | %.0f |%n",
            b.cost(), b.quantile(), formatCost(b.cost(), b.budget()), b.feasible(), oracle.truth(), oracle.code(),
            uni.isEmpty() ? "none fits" : String.format(Locale.ROOT, "%.2f %s (%.2f)", uni.get(0).truth(), uni.get(0).code(), uni.get(0).regret()),
            ms(nsga, SearchOutcome::truth), ms(nsga, SearchOutcome::regret), ms(nsga, SearchOutcome::percentile),
            ms(rnd, SearchOutcome::truth), ms(rnd, SearchOutcome::regret), ms(rnd, SearchOutcome::percentile), gain, won, nsga.size(),
            ms(nsga, o -> o.evaluations()), ms(rnd, o -> o.evaluations()), b.newEvaluations(), b.seconds()));
      }
      sb.append("\nFound networks per seed (code: ground truth % / supernet %):\n\n");
      for (BudgetResult b : m.budgets()) {
        sb.append(String.format(Locale.ROOT, "- %s <= %s:", b.cost(), formatCost(b.cost(), b.budget())));
        for (SearchOutcome o : b.outcomes()) {
          if (o.method().equals("nsga") || o.method().equals("random")) {
            sb.append(String.format(Locale.ROOT, " %s/s%d %s: %.2f / %.1f;", o.method(), o.seed(), o.code(), o.truth(), 100 * o.predicted()));
          }
        }
        sb.append("\n");
      }
    }
    if (!singlePath.isEmpty()) {
      singlePathMarkdown(sb);
    }
    sb.append("\n");
    for (MethodResult m : methods) {
      sb.append(String.format(Locale.ROOT, "%s: %d supernet evaluations in %.0f s (%.2f s each); training %d steps, %d images, %.0f s.%n",
          m.method(), m.evaluations(), m.evaluationSeconds(), m.evaluationSeconds() / Math.max(1, m.evaluations()), m.training().steps(),
          m.training().images(), m.training().seconds()));
    }
    return sb.toString();
  }

  private void singlePathMarkdown(StringBuilder sb) {
    sb.append("\n## Single-path search (Single-Path NAS superkernel, cost term in the loss, budget fill; ground truth = benchmark mean_acc, %)\n\n");
    sb.append("Per budget and search seed one whole search: the supernet trained with the cost term lambda log C (C the budget's own cost")
        .append(" function), the controller steering to the budget, the budget fill bringing the read-out into 95-100% of it; the found code")
        .append(" judged by the benchmark. use = found cost / budget. For comparison, NSGA-II's regret over the weight-sharing supernets of")
        .append(" the same run at the same budget (mean over its seeds), where that method ran.\n\n");
    StringBuilder head = new StringBuilder("| cost | q | budget | networks under | oracle | uniform (regret) | single-path found | truth | regret | pct | use |");
    StringBuilder rule = new StringBuilder("|---|---|---|---|---|---|---|---|---|---|---|");
    for (MethodResult m : methods) {
      head.append(" NSGA-II regret (").append(m.method()).append(") |");
      rule.append("---|");
    }
    sb.append(head).append(" supernet s |\n").append(rule).append("---|\n");
    for (SinglePathBudgets.Budget b : singlePath) {
      List<SearchOutcome> f = b.found();
      SearchOutcome uni = b.uniform();
      sb.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %d | %.2f (%s) | %s | %s | %s | %s | %s | %s |",
          b.cost(), b.quantile(), formatCost(b.cost(), b.budget()), b.feasible(), b.oracle().truth(), b.oracle().code(),
          uni == null ? "none fits" : String.format(Locale.ROOT, "%.2f %s (%.2f)", uni.truth(), uni.code(), uni.regret()),
          String.join(", ", f.stream().map(o -> o.code() + "/s" + o.seed()).toList()), ms(f, SearchOutcome::truth),
          ms(f, SearchOutcome::regret), ms(f, SearchOutcome::percentile), ms(f, o -> 100 * o.cost() / b.budget()) + "%"));
      for (MethodResult m : methods) {
        String cell = "-";
        for (BudgetResult r : m.budgets()) {
          if (r.cost().equals(b.cost()) && Math.abs(r.quantile() - b.quantile()) < 1e-9) {
            cell = ms(pick(r, "nsga"), SearchOutcome::regret);
          }
        }
        sb.append(' ').append(cell).append(" |");
      }
      sb.append(String.format(Locale.ROOT, " %.0f |%n", b.seconds()));
    }
    sb.append("\nBudget fill per search:\n\n");
    for (SinglePathBudgets.Budget b : singlePath) {
      for (int i = 0; i < b.found().size(); i++) {
        sb.append(String.format(Locale.ROOT, "- %s q%.2f seed %d: %s%n", b.cost(), b.quantile(), b.found().get(i).seed(), b.fill().get(i)));
      }
    }
  }

  private static List<SearchOutcome> pick(BudgetResult b, String method) {
    return b.outcomes().stream().filter(o -> o.method().equals(method)).toList();
  }

  private static String ms(List<SearchOutcome> os, java.util.function.ToDoubleFunction<SearchOutcome> f) {
    if (os.isEmpty()) {
      return "-";
    }
    double mean = os.stream().mapToDouble(f).average().orElse(Double.NaN);
    double var = os.stream().mapToDouble(o -> Math.pow(f.applyAsDouble(o) - mean, 2)).sum() / Math.max(1, os.size() - 1);
    return os.size() == 1 ? String.format(Locale.ROOT, "%.2f", mean) : String.format(Locale.ROOT, "%.2f ± %.2f", mean, Math.sqrt(var));
  }

  private void scatter(MethodResult m, Path file) {
    XYChart c = new XYChartBuilder().width(900).height(650)
        .title(String.format(Locale.ROOT, "%s supernet vs NAS-Bench-Macro (%d random networks; Kendall tau-b %.3f, Spearman %.3f)",
            m.method(), m.all().n(), m.all().kendallTau(), m.all().spearman()))
        .xAxisTitle("benchmark mean test accuracy (%)").yAxisTitle("supernet validation accuracy after BN recalibration (%)").build();
    c.getStyler().setLegendVisible(true);
    double[] sorted = m.truth().clone();
    java.util.Arrays.sort(sorted);
    int keep = Math.max(2, (int) Math.ceil(0.1 * sorted.length));
    double cut = sorted[sorted.length - keep];
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    List<Double> xt = new ArrayList<>();
    List<Double> yt = new ArrayList<>();
    for (int i = 0; i < m.truth().length; i++) {
      (m.truth()[i] >= cut ? xt : xs).add(m.truth()[i]);
      (m.truth()[i] >= cut ? yt : ys).add(100 * m.predicted()[i]);
    }
    series(c, "networks", xs, ys, new Color(70, 110, 180));
    series(c, "top decile by benchmark", xt, yt, new Color(220, 80, 20));
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp.png");
      BitmapEncoder.saveBitmap(c, tmp.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void series(XYChart c, String name, List<Double> x, List<Double> y, Color color) {
    if (x.isEmpty()) {
      return;
    }
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(color);
  }
}
