package dev.slimnas.cli.bench;

import dev.slimnas.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code slimnas bench}: benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
    description = "Benchmarks: training throughput and memory of DL4J against PyTorch on the same network; the supernet and Joslim steps against plain steps; the Java depthwise backward kernel against ND4J's.",
    subcommands = {BenchTrainCommand.class, BenchSupernetCommand.class, BenchJoslimCommand.class, BenchKernelsCommand.class,
        BenchTrialsCommand.class})
public final class BenchCommand extends CommandGroup {}
