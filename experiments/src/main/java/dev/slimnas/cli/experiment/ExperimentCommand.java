package dev.slimnas.cli.experiment;

import dev.slimnas.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code slimnas experiment}: the experiments behind the README's results. */
@Command(name = "experiment", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
    description = "Experiments behind the README's results tables (each resumable: run the same command again).",
    subcommands = {SearchBudgetsCommand.class, SlimmableCommand.class, TransferExperimentCommand.class, GroundTruthCommand.class})
public final class ExperimentCommand extends CommandGroup {}
