package dev.slimnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.io.RunFolderException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands that write a run folder lock it: a second process is refused with exit code 2 naming the holder. */
class RunFolderLockingTest {
  @TempDir
  Path tmp;

  @Test
  void aSecondWriterExitsTwoNamingTheHolderAndAKilledHolderLeavesAStaleLock() throws Exception {
    Path run = tmp.resolve("run");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RunFolderHolder.class.getName(),
        run.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertEquals("locked", line);
      for (List<String> args : List.of(List.of("train", "--out", run.toString(), "--resume"),
          List.of("search", "--out", run.toString(), "--resume"),
          List.of("train", "--ref", "mobilenetv2-0.25-cifar", "--out", run.toString()))) {
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("slimnas: error: " + run + ": run folder is in use by PID " + child.pid()
            + " on host "), r.toString());
        assertTrue(r.errLines().get(0).contains("(slimnas test-holder, started "), r.toString());
      }
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    Cli.Result r = Cli.run("train", "--out", run.toString(), "--resume");
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertTrue(r.errLines().get(0).startsWith("slimnas: warning: " + run + ": taking over stale lock of PID " + child.pid()),
        r.toString());
    assertTrue(r.errLines().get(1).contains("holds no run"), r.toString());
    assertEquals("", Files.readString(run.resolve(".lock")), "released on exit");
  }

  @Test
  void startingOverAFolderThatHoldsARunExitsTwoSayingWhatToDo() throws Exception {
    Path run = tmp.resolve("run");
    Files.createDirectories(run);
    Files.writeString(run.resolve("result.json"), "{}");
    Cli.Result r = Cli.run("train", "--ref", "mobilenetv2-0.25-cifar", "--out", run.toString());
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertEquals(List.of("slimnas: error: " + run + " already holds a run (result.json exists): continue it with --resume"
        + " or choose another folder with --out"), r.errLines());
    assertEquals(List.of(".lock", "result.json"), Files.list(run).map(p -> p.getFileName().toString()).sorted().toList(),
        "nothing written");
  }

  @Test
  void aRunFolderProblemIsBadInputNotAnInternalError() {
    assertEquals(ExitCodes.USAGE, ErrorHandler.exitCode(new RunFolderException("RUN: no usable checkpoint")));
  }
}
