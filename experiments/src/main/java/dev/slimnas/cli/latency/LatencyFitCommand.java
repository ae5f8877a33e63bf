package dev.slimnas.cli.latency;

import dev.slimnas.cli.text.Table;
import dev.slimnas.latency.fit.Calibration;
import dev.slimnas.latency.fit.FitOptions;
import dev.slimnas.latency.fit.Holdout;
import dev.slimnas.latency.fit.WidthAwarePredictor;
import dev.slimnas.latency.profile.LatencyProfile;
import dev.slimnas.space.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slimnas latency fit}: fits the width-aware predictor on a profile and reports its held-out error. */
@Command(name = "fit",
    footer = {"", "Examples:",
        "  slimnas latency fit                       # the ProxylessNAS Pixel 1 table",
        "  slimnas latency fit runs/latency/local-cpu.json --folds 10",
        "  slimnas latency fit phone.csv --device-id my-phone --json"},
    mixinStandardHelpOptions = true,
    description = {"Fit the width-aware latency predictor (per-block NNLS on cost features) on a device profile and "
        + "report its held-out error: k-fold cross-validation over the block entries and leave-one-place-out "
        + "(every op at an unseen input resolution / widths / stride).",
        "Without PROFILE, the vendored ProxylessNAS Pixel 1 table is used."})
public final class LatencyFitCommand implements Callable<Integer> {
  /** Schema of the {@code --json} output. */
  public static final String SCHEMA = "slimnas.latency-fit";

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PROFILE",
      description = "Profile: .json (slimnas.latency-profile), simple CSV (header part,...), or a ProxylessNAS table (.yaml, or CSV with a key column).")
  Path file;

  @Option(names = "--device-id", paramLabel = "ID", description = "Device id for an imported CSV/YAML (default: the file name).")
  String deviceId;

  @Option(names = "--folds", defaultValue = "5", paramLabel = "K", description = "Folds of the cross-validation (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the fold assignment (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--worst", defaultValue = "5", paramLabel = "N", description = "Show the N worst held-out entries (default: ${DEFAULT-VALUE}).")
  int worst;

  @Option(names = "--json", description = "Print a machine-readable document (schema " + SCHEMA + ").")
  boolean json;

  /** The {@code --json} document. */
  public record FitReport(String profile, int blockEntries, List<String> features, List<WidthAwarePredictor.Coefficient> block,
      List<WidthAwarePredictor.Coefficient> stem, List<WidthAwarePredictor.Coefficient> head,
      java.util.Map<String, Calibration> calibrations, List<Holdout> holdouts) {}

  @Override
  public Integer call() {
    if (folds < 2) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--folds must be at least 2, got " + folds);
    }
    LatencyProfile p = ProfileSource.load(file, deviceId);
    WidthAwarePredictor m = WidthAwarePredictor.fit(p);
    Holdout kfold;
    try {
      kfold = Holdout.kFold(p, folds, seed, FitOptions.defaults());
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--folds " + folds + ": " + e.getMessage());
    }
    Holdout place = Holdout.leaveOnePlaceOut(p, FitOptions.defaults());
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.print(Json.toJson(SCHEMA, 1, new FitReport(p.device().id(), kfold.stats().n(), m.features().names(), m.blockCoefficients(),
          m.stemCoefficients(), m.headCoefficients(), m.calibrations(), List.of(kfold, place))));
      return 0;
    }
    o.println(ProfileSource.describe(p));
    o.println();
    o.println("block model: " + m.features().size() + " cost features, kernels " + m.features().kernels() + ", SE "
        + (m.features().coversSe() ? "yes" : "no") + "; non-negative least squares on relative error");
    Table c = Table.of("FEATURE", ">MS PER UNIT");
    m.blockCoefficients().forEach(x -> c.row(x.feature(), String.format(Locale.ROOT, "%.4g", x.msPerUnit())));
    o.print(c.render());
    o.println();
    o.println("held-out error of block entries (measured vs predicted, call overhead included):");
    Table h = Table.of("SCHEME", ">N", ">MAPE", ">MAX", ">RMSE", ">SPEARMAN", ">WITHIN 10%", ">WITHIN 5%");
    for (Holdout x : List.of(kfold, place)) {
      var s = x.stats();
      h.row(x.scheme(), s.n(), pct(s.mapePct()), pct(s.maxAbsPct()), String.format(Locale.ROOT, "%.3f ms", s.rmseMs()),
          String.format(Locale.ROOT, "%.4f", s.spearman()), pct(s.within10Pct()), pct(s.within5Pct()));
    }
    o.print(h.render());
    if (worst > 0) {
      o.println();
      o.println("worst held-out entries (leave-one-place-out):");
      Table w = Table.of("BLOCK", ">MEASURED", ">PREDICTED", ">ERROR");
      place.predictions().stream().sorted(Comparator.comparingDouble((Holdout.Prediction x) -> -Math.abs(x.errorPct()))).limit(worst)
          .forEach(x -> w.row(x.shape().key(), ms(x.measuredMs()), ms(x.predictedMs()),
              String.format(Locale.ROOT, "%+.1f%%", x.errorPct())));
      o.print(w.render());
    }
    o.println();
    o.print(calibrations(m));
    return 0;
  }

  /** One line per calibration of the model (pooled, then per input resolution). */
  static String calibrations(WidthAwarePredictor m) {
    if (m.calibration().networks() == 0) {
      return "calibration: none (the profile has no whole-network entries)\n";
    }
    StringBuilder sb = new StringBuilder();
    m.calibrations().forEach((k, c) -> sb.append(String.format(Locale.ROOT,
        "calibration %s: %s on %d networks, latency = %.4f x sum of parts + %.3f ms; MAPE on them %.2f%% -> %.2f%% (in-sample)%n",
        k, c.mode(), c.networks(), c.scale(), c.offsetMs(), c.before().mapePct(), c.after().mapePct())));
    return sb.toString();
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.2f%%", v);
  }

  static String ms(double v) {
    return String.format(Locale.ROOT, "%.3f ms", v);
  }
}
