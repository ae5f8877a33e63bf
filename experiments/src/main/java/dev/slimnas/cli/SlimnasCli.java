package dev.slimnas.cli;

import dev.slimnas.cli.bench.BenchCommand;
import dev.slimnas.cli.benchmark.BenchmarkCommand;
import dev.slimnas.cli.experiment.ExperimentCommand;
import dev.slimnas.cli.export.BundleCommand;
import dev.slimnas.cli.export.ExportCommand;
import dev.slimnas.cli.transfer.OptimizeWidthsCommand;
import dev.slimnas.cli.transfer.TransferCommand;
import dev.slimnas.cli.latency.LatencyCommand;
import dev.slimnas.cli.space.SpaceCommand;
import dev.slimnas.cli.tools.WriteExamples;
import dev.slimnas.cli.train.EvalCommand;
import dev.slimnas.cli.search.SearchCommand;
import dev.slimnas.cli.train.TrainCommand;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code slimnas} command line: the root command and the one place where top-level commands are registered. */
@Command(name = "slimnas", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "Hardware-aware architecture and width search for mobile CNNs.",
    footer = {"", "Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal error.",
        "Run 'slimnas COMMAND --help' for the options of a command."})
public final class SlimnasCli implements Runnable {

  /**
   * The top-level commands, in the order help lists them. To add a command, write a picocli
   * {@code @Command} class (with {@code mixinStandardHelpOptions = true}) and add it here.
   */
  public static final List<Class<?>> COMMANDS = List.of(
      SpaceCommand.class,
      LatencyCommand.class,
      SearchCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      BenchCommand.class,
      BenchmarkCommand.class,
      ExperimentCommand.class,
      BundleCommand.class,
      ExportCommand.class,
      TransferCommand.class,
      OptimizeWidthsCommand.class,
      WriteExamples.class);

  @Spec
  CommandSpec spec;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Show the stack trace of an error.")
  boolean verbose;

  @Override
  public void run() {
    throw CommandGroup.missingSubcommand(spec);
  }

  /** The configured command tree (handlers, version provider on every command), writing to the console. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new SlimnasCli());
    for (Class<?> c : COMMANDS) {
      cl.addSubcommand(c);
    }
    ErrorHandler handler = new ErrorHandler();
    cl.setParameterExceptionHandler(handler);
    cl.setExecutionExceptionHandler(handler);
    cl.setExecutionStrategy(new RunFolderLocking());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    VersionProvider version = new VersionProvider();
    forEachCommand(cl, c -> c.getCommandSpec().versionProvider(version));
    return cl;
  }

  /**
   * ND4J and DL4J log ~14 lines of INFO (backend, build, threads) on stderr when they start: a command
   * that fails then prints them before its one error line. The libraries log warnings only (the project's
   * own {@code dev.slimnas} loggers keep INFO: the progress lines of {@code --quiet} runs) unless
   * {@code --verbose} is given (or {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} is set). Must run before
   * the first logger is created.
   */
  static void quietLibraries(boolean verbose) {
    String key = "org.slf4j.simpleLogger.defaultLogLevel";
    if (System.getProperty(key) == null) {
      System.setProperty(key, verbose ? "info" : "warn");
    }
    String own = "org.slf4j.simpleLogger.log.dev.slimnas"; // the progress lines of --quiet runs stay on
    if (System.getProperty(own) == null) {
      System.setProperty(own, "info");
    }
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Applies {@code action} to {@code cl} and every command below it. */
  public static void forEachCommand(CommandLine cl, java.util.function.Consumer<CommandLine> action) {
    action.accept(cl);
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getParent() == cl) {
        forEachCommand(sub, action);
      }
    }
  }

  public static void main(String[] args) {
    quietLibraries(ErrorHandler.verbose(args));
    CommandLine cl = commandLine();
    int code = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    System.exit(code);
  }
}
