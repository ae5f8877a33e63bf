package dev.slimnas.cli.bench;

import dev.slimnas.bench.BenchReport;
import dev.slimnas.bench.BenchStats;
import dev.slimnas.bench.RoundResult;
import dev.slimnas.bench.SideResult;
import dev.slimnas.bench.StepProfile;
import dev.slimnas.cli.text.Table;
import dev.slimnas.cli.text.Units;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The plain-text output of {@code slimnas bench train}. */
final class BenchText {
  /** Layer types below this many ms per step are left out of the tables. */
  private static final double MIN_MS = 0.05;
  /** Ratios of times below this many ms are noise and left blank. */
  private static final double MIN_RATIO_MS = 0.5;

  private BenchText() {}

  /** One progress line for a finished round. */
  static String progress(RoundResult r, int rounds, Duration wall) {
    StringBuilder sb = new StringBuilder("round ").append(r.round()).append('/').append(rounds).append(": ");
    for (int i = 0; i < r.order().size(); i++) {
      String side = r.order().get(i);
      SideResult s = side.equals(SideResult.DL4J) ? r.dl4j() : r.pytorch();
      sb.append(i > 0 ? ", " : "").append(side).append(' ').append(rate(s.imagesPerS())).append(" img/s ")
          .append(mb(s.peakRssMb()));
      String cpu = cpuPerWall(s);
      sb.append(cpu.isEmpty() ? "" : " cpu/wall " + cpu);
    }
    if (r.ratio() != null) {
      sb.append(", ratio ").append(fmt("%.3f", r.ratio()));
    }
    return sb.append(" (").append(wall.toSeconds()).append(" s)").toString();
  }

  /** The whole report: settings, machine, rounds table, medians, ratio, notes, profile. */
  static String render(BenchReport report) {
    BenchReport.Settings s = report.settings();
    Map<String, Object> m = report.machine();
    StringBuilder sb = new StringBuilder();
    sb.append(s.arch()).append(" (").append(s.archSource()).append("): ").append(s.mode()).append(", batch ")
        .append(s.batch()).append(", ").append(s.warmup()).append(" warm-up + ").append(s.steps())
        .append(" timed steps per side and round, ").append(s.threads()).append(" thread(s)\n");
    sb.append("machine: ").append(m.get("cpu")).append(", ").append(m.get("cores")).append(" cores, java ")
        .append(m.get("java")).append(m.get("torch") == null ? "" : ", torch " + m.get("torch")).append('\n');
    if (m.get("nd4j") instanceof Map<?, ?> nd4j) {
      sb.append("nd4j: ").append(nd4j.get("backend")).append(' ').append(nd4j.get("nd4j")).append(", omp threads ")
          .append(nd4j.get("ompThreads")).append(", oneDNN helpers ").append(nd4j.get("oneDnnHelpers")).append('\n');
    }
    sb.append('\n');
    Table t = Table.of(">ROUND", "SIDE", ">RUN", ">IMAGES/S", ">PEAK RSS", ">PARAMS", ">CPU/WALL", ">DL4J/PYTORCH");
    for (RoundResult r : report.rounds()) {
      for (int i = 0; i < r.order().size(); i++) {
        String side = r.order().get(i);
        SideResult x = side.equals(SideResult.DL4J) ? r.dl4j() : r.pytorch();
        t.row(r.round(), side, i == 0 ? "1st" : "2nd", rate(x.imagesPerS()), mb(x.peakRssMb()), Units.grouped(x.params()),
            cpuPerWall(x), i == r.order().size() - 1 && r.ratio() != null ? fmt("%.3f", r.ratio()) : "");
      }
    }
    sb.append(t.render());
    sb.append("(CPU/WALL: the side's CPU seconds per wall second over its timed steps; well below --threads means "
        + "other processes took the cores)\n\n");
    BenchStats.Summary sum = report.summary();
    Table med = Table.of("SIDE", ">MEDIAN IMAGES/S", ">MIN", ">MAX", ">IMAGES/CPU-S", ">PEAK RSS (MEDIAN)", ">PEAK RSS (MAX)",
        ">PARAMS");
    side(med, sum.dl4j());
    if (sum.pytorch() != null) {
      side(med, sum.pytorch());
    }
    sb.append(med.render());
    if (sum.medianRatio() != null) {
      sb.append('\n').append("median of per-round ratios DL4J/PyTorch: ").append(fmt("%.3f", sum.medianRatio()))
          .append(" (DL4J at ").append(fmt("%.1f", 100 * sum.medianRatio())).append("% of PyTorch's images/s)\n");
      if (sum.medianCpuRatio() != null) {
        sb.append("median of per-round ratios of images per CPU-second: ").append(fmt("%.3f", sum.medianCpuRatio()))
            .append('\n');
      }
      sb.append("peak RSS DL4J/PyTorch (medians): ")
          .append(fmt("%.2f", sum.dl4j().medianPeakRssMb() / sum.pytorch().medianPeakRssMb())).append('\n');
      sb.append("parameters: ").append(sum.paramsEqual() ? "equal (" + Units.grouped(sum.dl4j().params()) + ")"
          : "DIFFERENT: dl4j " + Units.grouped(sum.dl4j().params()) + ", pytorch " + Units.grouped(sum.pytorch().params()))
          .append('\n');
    }
    BenchStats.Summary clean = report.uncontended();
    if (clean != null && clean.dl4j().rounds() < report.rounds().size()) {
      sb.append("over the ").append(clean.dl4j().rounds()).append(" round(s) in which no side lost CPU: DL4J ")
          .append(rate(clean.dl4j().medianImagesPerS())).append(" img/s");
      if (clean.pytorch() != null) {
        sb.append(", PyTorch ").append(rate(clean.pytorch().medianImagesPerS())).append(" img/s, median ratio ")
            .append(fmt("%.3f", clean.medianRatio()));
      }
      sb.append('\n');
    }
    for (String n : report.notes()) {
      sb.append("note: ").append(n).append('\n');
    }
    if (report.dl4jProfile() != null) {
      sb.append('\n').append(profile("DL4J", report.dl4jProfile()));
    }
    if (report.pytorchProfile() != null) {
      sb.append('\n').append(profile("PyTorch", report.pytorchProfile()));
    }
    if (report.dl4jProfile() != null && report.pytorchProfile() != null) {
      sb.append('\n').append(comparison(report.dl4jProfile(), report.pytorchProfile()));
    }
    return sb.toString();
  }

  /** Both profiles side by side per phase and layer type, with DL4J's time over PyTorch's. */
  static String comparison(StepProfile d, StepProfile p) {
    StringBuilder sb = new StringBuilder("DL4J against PyTorch, ms per training step\n");
    Table ph = Table.of("PHASE", ">DL4J", ">PYTORCH", ">DL4J/PYTORCH");
    for (String k : new String[] {"forward", "backward", "updater", "other"}) {
      double a = d.phasesMs().getOrDefault(k, 0.0);
      double b = p.phasesMs().getOrDefault(k, 0.0);
      ph.row(k, fmt("%.1f", a), fmt("%.1f", b), a >= MIN_RATIO_MS && b >= MIN_RATIO_MS ? fmt("%.2f", a / b) : "");
    }
    ph.row("step", fmt("%.1f", d.fitMs()), fmt("%.1f", p.fitMs()), p.fitMs() > 0 ? fmt("%.2f", d.fitMs() / p.fitMs()) : "");
    sb.append(ph.render()).append('\n');
    Map<String, double[]> rows = new java.util.LinkedHashMap<>();
    for (StepProfile.CategoryTime c : d.categories()) {
      rows.computeIfAbsent(c.category(), k -> new double[4])[0] = c.forwardMs();
      rows.get(c.category())[1] = c.backwardMs();
    }
    for (StepProfile.CategoryTime c : p.categories()) {
      rows.computeIfAbsent(c.category(), k -> new double[4])[2] = c.forwardMs();
      rows.get(c.category())[3] = c.backwardMs();
    }
    Table t = Table.of("LAYER TYPE", ">DL4J FWD", ">DL4J BWD", ">TORCH FWD", ">TORCH BWD", ">DL4J/TORCH");
    rows.forEach((k, v) -> {
      double a = v[0] + v[1];
      double b = v[2] + v[3];
      if (a >= MIN_MS || b >= MIN_MS) {
        t.row(k, fmt("%.1f", v[0]), fmt("%.1f", v[1]), fmt("%.1f", v[2]), fmt("%.1f", v[3]),
            a >= MIN_RATIO_MS && b >= MIN_RATIO_MS ? fmt("%.2f", a / b) : "");
      }
    });
    sb.append(t.render());
    return sb.toString();
  }

  /** A profile: phases of a step, then time per layer type, then the slowest vertices. */
  static String profile(String side, StepProfile p) {
    StringBuilder sb = new StringBuilder();
    sb.append(side).append(" training step profile (mean of ").append(p.steps()).append(" steps): step ")
        .append(fmt("%.1f", p.fitMs())).append(" ms/step\n");
    Table ph = Table.of("PHASE OF STEP", ">MS/STEP", ">SHARE");
    double phases = p.phasesMs().values().stream().mapToDouble(Double::doubleValue).sum();
    for (String k : new String[] {"forward", "backward", "updater", "other"}) {
      Double v = p.phasesMs().get(k);
      if (v != null) {
        ph.row(k, fmt("%.1f", v), Units.percent(v, phases));
      }
    }
    sb.append(ph.render()).append('\n');
    double total = p.layerTotalMs();
    double fwd = p.categories().stream().mapToDouble(StepProfile.CategoryTime::forwardMs).sum();
    Table c = Table.of("LAYER TYPE", ">VERTICES", ">FORWARD MS", ">BACKWARD MS", ">TOTAL MS", ">SHARE", ">BWD/FWD");
    for (StepProfile.CategoryTime x : p.categories()) {
      if (x.totalMs() < MIN_MS) {
        continue;
      }
      c.row(x.category(), x.vertices() == 0 ? "" : x.vertices(), fmt("%.1f", x.forwardMs()), fmt("%.1f", x.backwardMs()),
          fmt("%.1f", x.totalMs()), Units.percent(x.totalMs(), total),
          x.forwardMs() > 0 ? fmt("%.1f", x.backwardMs() / x.forwardMs()) : "");
    }
    c.row("all", "", fmt("%.1f", fwd), fmt("%.1f", total - fwd), fmt("%.1f", total), "100.0%", "");
    sb.append(c.render());
    if (!p.slowest().isEmpty()) {
      Table v = Table.of("SLOWEST VERTICES", "TYPE", ">FORWARD MS", ">BACKWARD MS");
      for (StepProfile.VertexTime x : p.slowest()) {
        v.row(x.vertex(), x.category(), fmt("%.1f", x.forwardMs()), fmt("%.1f", x.backwardMs()));
      }
      sb.append('\n').append(v.render());
    }
    sb.append("method: ").append(p.method()).append('\n');
    return sb.toString();
  }

  private static void side(Table t, BenchStats.SideSummary s) {
    t.row(s.side(), rate(s.medianImagesPerS()), rate(s.minImagesPerS()), rate(s.maxImagesPerS()),
        s.medianImagesPerCpuSecond() == null ? "" : rate(s.medianImagesPerCpuSecond()), mb(s.medianPeakRssMb()),
        mb(s.maxPeakRssMb()), Units.grouped(s.params()));
  }

  /** The side's CPU/wall ratio over its timed steps, or empty when it did not report one. */
  static String cpuPerWall(SideResult s) {
    Object v = s.facts().get("cpu_per_wall");
    return v instanceof Number n && n.doubleValue() >= 0 ? fmt("%.2f", n.doubleValue()) : "";
  }

  static String rate(double imagesPerS) {
    return fmt("%.1f", imagesPerS);
  }

  static String mb(double mib) {
    return mib < 0 ? "n/a" : fmt("%.0f MiB", mib);
  }

  private static String fmt(String f, double v) {
    return String.format(Locale.ROOT, f, v);
  }

  /** The median of {@code v} (mean of the middle two for an even count). */
  static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
