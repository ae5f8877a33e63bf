package dev.slimnas.cli.latency;

import dev.slimnas.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code slimnas latency}: latency models and predictions. */
@Command(name = "latency", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
    description = "Latency models: list devices, predict an architecture's latency, compare tables, profile this machine, "
        + "fit and validate the width-aware predictor.",
    subcommands = {LatencyDevicesCommand.class, LatencyPredictCommand.class, LatencyCompareCommand.class,
        LatencyFitCommand.class, LatencyProfileCommand.class, LatencyMeasureCommand.class, LatencyValidateCommand.class,
        LatencySpeedCommand.class})
public final class LatencyCommand extends CommandGroup {}
