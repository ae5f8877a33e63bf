package dev.slimnas.cli.benchmark;

import dev.slimnas.cli.text.Table;
import dev.slimnas.optimizers.tabular.BenchmarkTables;
import dev.slimnas.optimizers.tabular.TableSidecar;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slimnas benchmark list}: the vendored tables, one line each (read from their sidecars, data not loaded). */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the vendored benchmark tables (data/<table>/<name>.table.json).",
    footer = {"", "Examples:", "  slimnas benchmark list"})
public final class BenchmarkListCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: data/ of the SlimNAS checkout).")
  Path data;

  @Override
  public Integer call() {
    Path dir = BenchmarkCommand.dataDir(data);
    Table t = Table.of("NAME", "POSITIONS", "OBJECTIVE", "COSTS", "LICENSE", "SIDECAR");
    for (Path p : BenchmarkTables.vendored(dir)) {
      TableSidecar s = BenchmarkTables.sidecar(p);
      String domains = s.positions().size() + " x {" + s.positions().stream()
          .map(x -> String.join(",", x.labels())).distinct().collect(Collectors.joining("} {")) + "}";
      t.row(s.name(), domains, s.objective() + " (" + s.metric(s.objective()).unit() + ")", String.join(",", s.costs()),
          s.license(), p);
    }
    if (t.rowCount() == 0) {
      throw new IllegalArgumentException("no benchmark tables under " + dir + " (expected data/<table>/<name>"
          + BenchmarkTables.SUFFIX + ")");
    }
    spec.commandLine().getOut().print(t.render());
    return 0;
  }
}
