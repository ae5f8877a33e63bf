package dev.slimnas.cli;

import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.RunLock;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * Runs the chosen command ({@link CommandLine.RunLast}) holding the lock of the run folder it writes, when
 * it is a {@link WritesRunFolder} and no help was asked for. A stale lock taken over is reported as a
 * warning on stderr.
 */
final class RunFolderLocking implements IExecutionStrategy {
  private final IExecutionStrategy inner = new CommandLine.RunLast();

  @Override
  public int execute(ParseResult parseResult) {
    ParseResult last = parseResult;
    boolean help = last.isUsageHelpRequested() || last.isVersionHelpRequested();
    while (last.hasSubcommand()) {
      last = last.subcommand();
      help |= last.isUsageHelpRequested() || last.isVersionHelpRequested();
    }
    Object command = last.commandSpec().userObject();
    if (help || !(command instanceof WritesRunFolder w) || w.runFolder() == null) {
      return inner.execute(parseResult);
    }
    CommandLine cl = last.commandSpec().commandLine();
    PrintWriter err = cl.getErr();
    Path folder = w.runFolder();
    String name = last.commandSpec().qualifiedName();
    RunLock lock;
    try {
      // every runFolder() is the command's --out: say what is wrong with it before the lock creates anything
      if (w.runFolderIsFile()) {
        OutputPaths.checkFile(folder, "--out");
      } else {
        OutputPaths.checkFolder(folder, "--out");
      }
      lock = w.runFolderIsFile()
          ? RunLock.acquireForFile(folder, name, n -> warn(err, n))
          : RunLock.acquire(folder, name, n -> warn(err, n));
    } catch (RuntimeException e) {
      throw new CommandLine.ExecutionException(cl, e.getMessage(), e);
    }
    try (lock) {
      return inner.execute(parseResult);
    }
  }

  private static void warn(PrintWriter err, String notice) {
    err.println("slimnas: warning: " + notice);
    err.flush();
  }
}
