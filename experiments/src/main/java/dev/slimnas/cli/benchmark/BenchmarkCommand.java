package dev.slimnas.cli.benchmark;

import dev.slimnas.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code slimnas benchmark}: optimizers against tabular NAS benchmarks (ground truth, every query a look-up). */
@Command(name = "benchmark", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
    description = "Run the project's optimizers against tabular NAS benchmarks (e.g. NAS-Bench-Macro): every query a"
        + " table look-up, regret against the best architecture under a constraint, in seconds.",
    subcommands = {BenchmarkListCommand.class, BenchmarkRunCommand.class})
public final class BenchmarkCommand extends CommandGroup {
  /** The data folder: {@code --data}, else {@code <slimnas.home>/data}, else {@code ./data}. */
  static java.nio.file.Path dataDir(java.nio.file.Path option) {
    if (option != null) {
      return option;
    }
    return java.nio.file.Path.of(System.getProperty("slimnas.home", ".")).resolve("data");
  }
}
