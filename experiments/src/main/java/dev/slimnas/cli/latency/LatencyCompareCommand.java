package dev.slimnas.cli.latency;

import dev.slimnas.latency.lut.TableComparison;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code slimnas latency compare}: the Single-Path NAS final network priced by both Pixel 1 tables, per stage. */
@Command(name = "compare",
    footer = {"", "Examples:",
        "  slimnas latency compare"},
    mixinStandardHelpOptions = true,
    description = "Price the Single-Path NAS final network with both Pixel 1 tables, per stage, and show their ratio.")
public final class LatencyCompareCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(TableComparison.report());
    return 0;
  }
}
