package dev.slimnas.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: run without one, it is a usage error naming the choices. */
public abstract class CommandGroup implements Runnable {
  @Spec
  protected CommandSpec spec;

  @Override
  public void run() {
    throw missingSubcommand(spec);
  }

  /** The usage error for a group command given without a subcommand. */
  public static ParameterException missingSubcommand(CommandSpec spec) {
    return new ParameterException(spec.commandLine(), "'" + spec.qualifiedName()
        + "' needs a command, one of: " + String.join(", ", visibleSubcommands(spec)));
  }

  private static java.util.List<String> visibleSubcommands(CommandSpec spec) {
    return spec.subcommands().entrySet().stream()
        .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
        .filter(e -> e.getKey().equals(e.getValue().getCommandName()))
        .map(java.util.Map.Entry::getKey)
        .toList();
  }
}
