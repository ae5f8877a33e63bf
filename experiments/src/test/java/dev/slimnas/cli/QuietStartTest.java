package dev.slimnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A command that starts ND4J prints its result, not the libraries' start-up INFO lines; --verbose shows them. */
class QuietStartTest {
  private record Run(int exit, String out, String err) {}

  private static Run cli(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.slimnas.cli.SlimnasCli"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child did not finish");
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void libraryStartUpLinesOnlyWithVerbose() throws Exception {
    String[] measure = {"latency", "measure", "--ref", "mobilenetv2-0.25-cifar", "--target-ms", "0.001", "--threads", "1"};
    Run quiet = cli(measure);
    assertEquals(0, quiet.exit(), quiet::toString);
    assertTrue(quiet.out().contains("ms median"), quiet::toString);
    assertFalse(quiet.err().contains("INFO"), quiet::toString);
    List<String> verbose = new ArrayList<>(List.of(measure));
    verbose.add("--verbose");
    Run loud = cli(verbose.toArray(String[]::new));
    assertTrue(loud.err().contains("INFO org.nd4j"), loud::toString);
  }
}
