package dev.slimnas.cli.benchmark;

import dev.slimnas.optimizers.tabular.report.BenchmarkReport;
import dev.slimnas.optimizers.tabular.report.OptimizerSummary;
import dev.slimnas.optimizers.tabular.report.PairedComparison;
import dev.slimnas.optimizers.tabular.report.RepeatResult;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files of a benchmark run: {@code report.json} ({@code slimnas.benchmark-report} v1, with a provenance
 * record beside it), {@code anytime.csv} (best-so-far regret of every repeat after every evaluation),
 * {@code anytime.png} ({@link AnytimePlot}) and {@code table.md}. All but the provenance record depend only
 * on the settings, so the same command writes the same bytes.
 */
public final class BenchmarkFiles {
  private BenchmarkFiles() {}

  /** Writes the files into {@code dir} (created if needed) and returns their paths. */
  public static List<Path> write(Path dir, BenchmarkReport report, Map<String, Object> details) {
    OutputPaths.createFolder(dir, "--out");
    Path json = dir.resolve("report.json");
    Json.write(json, BenchmarkReport.SCHEMA, BenchmarkReport.VERSION, report);
    Provenance.of("report.json", "benchmark-report", report.seed(), Json.fingerprint(settings(report)), details)
        .writeBeside(json);
    Path csv = dir.resolve("anytime.csv");
    AtomicFiles.writeString(csv, anytimeCsv(report));
    Path png = AnytimePlot.write(dir.resolve("anytime.png"), report);
    Path md = dir.resolve("table.md");
    AtomicFiles.writeString(md, markdown(report));
    return List.of(json, csv, png, md);
  }

  private static Map<String, Object> settings(BenchmarkReport r) {
    return new java.util.TreeMap<>(Map.of("table", r.table(), "sha256", r.tableSha256(), "constraint",
        String.valueOf(r.constraint()), "tradeOff", r.tradeOff(), "budget", r.budget(), "repeats", r.repeats(),
        "seed", r.seed(), "optimizers", r.optimizers().stream().map(OptimizerSummary::optimizer).toList(),
        "multiObjective", r.multiObjective()));
  }

  /** {@code optimizer,repeat,seed,evaluation,best_regret}: one line per repeat and evaluation. */
  static String anytimeCsv(BenchmarkReport r) {
    StringBuilder sb = new StringBuilder("optimizer,repeat,seed,evaluation,best_regret\n");
    for (RepeatResult x : r.results()) {
      for (int e = 1; e <= x.evaluations(); e++) {
        sb.append(x.optimizer()).append(',').append(x.repeat()).append(',').append(x.seed()).append(',').append(e)
            .append(',').append(String.format(Locale.ROOT, "%.6f", x.anytimeAt(e))).append('\n');
      }
    }
    return sb.toString();
  }

  /** A short markdown summary: the setting, then one row per optimizer. */
  public static String markdown(BenchmarkReport r) {
    StringBuilder sb = new StringBuilder();
    String unit = r.objectiveUnit().equals("percent") ? "points (percent)" : r.objectiveUnit();
    sb.append(String.format(Locale.ROOT, "# %s: %s%s, %d evaluations, %d repeats, seed %d%n%n", r.table(), r.objective(),
        r.constraint() == null ? "" : " under " + r.constraint(), r.budget(), r.repeats(), r.seed()));
    sb.append(String.format(Locale.ROOT, "%,d of %,d architectures feasible; oracle %s = %.4f (%s, code %s, %s %s).%n",
        r.feasible(), r.tableSize(), r.objective(), ((Number) r.oracle().get("objective")).doubleValue(),
        r.oracle().get("label"), r.oracle().get("code"), r.tradeOff(), number(((Number) r.oracle().get("cost")).doubleValue())));
    sb.append("Regret = oracle minus best found, in ").append(unit).append("; +- is one standard error of the mean over repeats;")
        .append(" p-values are two-sided, paired by repeat seed, against random search (sign test exact; Wilcoxon by the normal"
        + " approximation, shown as < 1e-6 below its accuracy).\n\n");
    boolean hv = r.multiObjective();
    sb.append("| optimizer | regret mean +- s.e. | median | min - max | found oracle | evals to oracle | percentile |")
        .append(hv ? " hypervolume |" : "").append(" vs random: lower / equal / higher | sign p | Wilcoxon p |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|").append(hv ? "---:|" : "").append("---:|---:|---:|\n");
    for (OptimizerSummary s : r.optimizers()) {
      PairedComparison c = r.comparisons().stream().filter(x -> x.optimizer().equals(s.optimizer())).findFirst().orElse(null);
      sb.append(String.format(Locale.ROOT, "| %s | %.3f +- %.3f | %.3f | %.3f - %.3f | %d/%d (%.0f%%) | %s | %.2f |",
          s.optimizer(), s.regretMean(), s.regretStdErr(), s.regretMedian(), s.regretMin(), s.regretMax(), s.foundOracle(),
          s.repeats(), 100 * s.foundOracleShare(),
          s.evaluationsToOracleMean() == null ? "-" : String.format(Locale.ROOT, "%.1f", s.evaluationsToOracleMean()),
          s.percentileMean()));
      if (hv) {
        sb.append(String.format(Locale.ROOT, " %.4f +- %.4f |", s.hypervolumeMean(), s.hypervolumeStd()));
      }
      if (c == null) {
        sb.append(" - | - | - |\n");
      } else {
        sb.append(String.format(Locale.ROOT, " %d / %d / %d | %s | %s |%n", c.lower(), c.equal(), c.higher(),
            p(c.signTestP()), c.wilcoxonP() < 1e-6 ? "< 1e-6" : p(c.wilcoxonP())));
      }
    }
    return sb.toString();
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v)
        : String.format(Locale.ROOT, "%.6g", v);
  }

  private static String p(double p) {
    return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
  }
}
