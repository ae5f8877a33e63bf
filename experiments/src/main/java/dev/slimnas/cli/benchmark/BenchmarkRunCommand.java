package dev.slimnas.cli.benchmark;

import dev.slimnas.optimizers.nsga.NsgaSettings;
import dev.slimnas.optimizers.tabular.BenchmarkTable;
import dev.slimnas.optimizers.tabular.BenchmarkTables;
import dev.slimnas.optimizers.tabular.CostConstraint;
import dev.slimnas.optimizers.tabular.report.BenchmarkReport;
import dev.slimnas.optimizers.tabular.report.RepeatResult;
import dev.slimnas.optimizers.tabular.report.TableBenchmark;
import dev.slimnas.optimizers.tabular.search.LocalSearch;
import dev.slimnas.optimizers.tabular.search.RandomSearch;
import dev.slimnas.optimizers.tabular.search.RegularizedEvolution;
import dev.slimnas.optimizers.tabular.search.TableEvolution;
import dev.slimnas.optimizers.tabular.search.TableNsga;
import dev.slimnas.optimizers.tabular.search.TableOptimizer;
import dev.slimnas.optimizers.tabular.search.TableProblem;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.supernet.data.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code slimnas benchmark run}: the project's optimizers against a table, repeated with derived seeds;
 * writes report.json, anytime.csv, anytime.png and table.md (see {@link BenchmarkFiles}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run optimizers against a tabular benchmark: each query a table look-up, each evaluation one distinct"
        + " feasible architecture (repeat queries are free), regret = oracle objective under the constraint minus the"
        + " best found. Writes report.json, anytime.csv, anytime.png, table.md and a provenance record into --out.",
    footer = {"", "Optimizers: " + BenchmarkRunCommand.KNOWN + ".",
        "Constraint: <column><=|<|>=|> <number|median|min|max|pNN> on a cost column; quantiles over the whole table.",
        "Repeat r of every optimizer runs with seed Seeds.derive(seed, \"benchmark-repeat\", r): comparisons are paired.",
        "", "Examples:",
        "  slimnas benchmark list",
        "  slimnas benchmark run --table nas-bench-macro --constraint 'macs<=median' --evaluations 100 --repeats 50 --seed 1",
        "  slimnas benchmark run --table my.table.json --optimizer nsga2,random --constraint 'params<=p25' --out runs/mine",
        "  slimnas benchmark run --table nas-bench-macro --objectives mean_acc,macs --repeats 20"})
public final class BenchmarkRunCommand implements Callable<Integer> {
  static final String KNOWN = "nsga2, evolution, regularized-evolution, local, random";

  @Spec
  CommandSpec spec;

  @Option(names = "--table", required = true, paramLabel = "T",
      description = "A sidecar file (NAME.table.json) or the name of a vendored table (see 'slimnas benchmark list').")
  String table;

  @Option(names = "--optimizer", defaultValue = "nsga2,evolution,regularized-evolution,local,random", split = ",",
      paramLabel = "NAME", description = "Optimizers, comma-separated (default ${DEFAULT-VALUE}).")
  List<String> optimizers;

  @Option(names = "--evaluations", defaultValue = "100", paramLabel = "N",
      description = "Evaluation budget per run: distinct architectures whose objective is looked up (default ${DEFAULT-VALUE}).")
  int evaluations;

  @Option(names = "--constraint", paramLabel = "C", description = "Cost constraint, e.g. 'macs<=median', 'params<=p25' (default none).")
  String constraint;

  @Option(names = "--objectives", paramLabel = "OBJ,COST",
      description = "Multi-objective mode: the objective and a cost column (e.g. mean_acc,macs); reports the hypervolume of"
          + " everything evaluated against the true front.")
  String objectives;

  @Option(names = "--repeats", defaultValue = "50", paramLabel = "R", description = "Repeats per optimizer (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Run seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--nsga-population", defaultValue = "20", paramLabel = "P", description = "NSGA-II population (default ${DEFAULT-VALUE}).")
  int nsgaPopulation;

  @Option(names = "--re-population", defaultValue = "20", paramLabel = "P",
      description = "Regularized evolution: population (default ${DEFAULT-VALUE}).")
  int rePopulation;

  @Option(names = "--re-sample", defaultValue = "5", paramLabel = "S",
      description = "Regularized evolution: tournament sample (default ${DEFAULT-VALUE}).")
  int reSample;

  @Option(names = "--out", defaultValue = "runs/benchmark", paramLabel = "DIR", description = "Output folder (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--data", paramLabel = "DIR", description = "Data folder of vendored tables (default: data/ of the SlimNAS checkout).")
  Path data;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    if (evaluations < 1) {
      throw new IllegalArgumentException("--evaluations must be >= 1, got " + evaluations);
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
    }
    OutputPaths.checkFolder(out, "--out"); // before any work
    List<TableOptimizer> chosen = optimizers();
    Path sidecar = BenchmarkTables.resolve(table, BenchmarkCommand.dataDir(data));
    BenchmarkTable t = BenchmarkTables.load(sidecar);
    CostConstraint c = constraint == null ? null : CostConstraint.parse("--constraint", constraint, t);
    String tradeOff = tradeOff(t);
    TableProblem problem;
    try {
      problem = new TableProblem(t, c, tradeOff, evaluations);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException((c != null ? "--constraint '" + constraint + "': " : "") + e.getMessage(), e);
    }
    long started = System.nanoTime();
    TableBenchmark.Builder b = TableBenchmark.builder(problem, chosen, repeats, seed,
        r -> Seeds.derive(seed, "benchmark-repeat", r), "Seeds.derive(seed, \"benchmark-repeat\", r)")
        .multiObjective(objectives != null);
    ProgressBar bar = quiet ? null : new ProgressBarBuilder().setTaskName("benchmark").setInitialMax((long) repeats * chosen.size())
        .setUnit(" runs", 1).setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
        .build();
    if (bar != null) {
      b.listener(progress(bar));
    }
    BenchmarkReport report;
    try {
      report = b.build().run();
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("command", "slimnas benchmark run " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    details.put("table", sidecar.toString());
    details.put("tableSha256", t.sidecar().sha256());
    details.put("wallSeconds", Math.round(seconds * 1000) / 1000.0);
    List<Path> files = BenchmarkFiles.write(out, report, details);
    var w = spec.commandLine().getOut();
    w.print(BenchmarkFiles.markdown(report));
    w.printf(Locale.ROOT, "%nwrote %s (%.1f s)%n", String.join(", ", files.stream().map(Path::toString).toList()), seconds);
    w.flush();
    return 0;
  }

  private List<TableOptimizer> optimizers() {
    List<TableOptimizer> out = new ArrayList<>();
    for (String name : optimizers) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      TableOptimizer o;
      switch (n) {
        case "nsga2" -> o = new TableNsga(NsgaSettings.defaults().withPopulationSize(check("--nsga-population", nsgaPopulation, 4)));
        case "evolution" -> o = TableEvolution.defaults();
        case "regularized-evolution" -> {
          check("--re-population", rePopulation, 2);
          if (reSample < 1 || reSample > rePopulation) {
            throw new IllegalArgumentException("--re-sample must be in 1..--re-population (" + rePopulation + "), got " + reSample);
          }
          o = new RegularizedEvolution(rePopulation, reSample);
        }
        case "local" -> o = new LocalSearch();
        case "random" -> o = new RandomSearch();
        default -> throw new IllegalArgumentException("--optimizer '" + name + "': unknown optimizer (known: " + KNOWN + ")");
      }
      if (out.stream().anyMatch(x -> x.name().equals(o.name()))) {
        throw new IllegalArgumentException("--optimizer '" + name + "' is given twice");
      }
      out.add(o);
    }
    return out;
  }

  private static int check(String option, int v, int min) {
    if (v < min) {
      throw new IllegalArgumentException(option + " must be >= " + min + ", got " + v);
    }
    return v;
  }

  /** The cost column of --objectives, or null (then the constraint's column, else the first cost column). */
  private String tradeOff(BenchmarkTable t) {
    if (objectives == null) {
      return null;
    }
    String[] parts = objectives.split(",");
    String rule = "expected OBJECTIVE,COST with OBJECTIVE '" + t.objective() + "' and COST one of "
        + String.join(", ", t.sidecar().costs());
    if (parts.length != 2 || !parts[0].strip().equals(t.objective()) || !t.sidecar().costs().contains(parts[1].strip())) {
      throw new IllegalArgumentException("--objectives '" + objectives + "': " + rule);
    }
    return parts[1].strip();
  }

  private static Consumer<RepeatResult> progress(ProgressBar bar) {
    return r -> {
      bar.step();
      bar.setExtraMessage(String.format(Locale.ROOT, " %s #%d regret %.3f", r.optimizer(), r.repeat(), r.regret()));
    };
  }
}
