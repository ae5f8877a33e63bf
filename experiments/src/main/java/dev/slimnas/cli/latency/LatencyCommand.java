package dev.slimnas.cli.latency;

import dev.slimnas.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code slimnas latency}: latency models and predictions. */
@Command(name = "latency", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
    description = "Latency models: list devices, predict an architecture's latency, compare tables.",
    subcommands = {LatencyDevicesCommand.class, LatencyPredictCommand.class, LatencyCompareCommand.class})
public final class LatencyCommand extends CommandGroup {}
