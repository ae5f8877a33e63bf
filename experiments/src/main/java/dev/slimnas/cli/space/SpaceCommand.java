package dev.slimnas.cli.space;

import dev.slimnas.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code slimnas space}: look at search spaces and architectures. */
@Command(name = "space", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
    description = "Search spaces and architectures: list, show, sample, cost.",
    subcommands = {SpaceListCommand.class, SpaceShowCommand.class, SpaceSampleCommand.class, SpaceCostCommand.class})
public final class SpaceCommand extends CommandGroup {}
