package dev.slimnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Walks the whole command tree, so commands added later are covered without new tests. */
class CommandTreeTest {

  /** Every command as its argument path, e.g. {@code [space, show]}; the root is the empty path. */
  static Stream<List<String>> commandPaths() {
    List<List<String>> paths = new ArrayList<>();
    SlimnasCli.forEachCommand(SlimnasCli.commandLine(), c -> {
      List<String> path = new ArrayList<>();
      for (CommandLine x = c; x.getParent() != null; x = x.getParent()) {
        path.add(0, x.getCommandName());
      }
      paths.add(path);
    });
    return paths.stream();
  }

  @Test
  void treeHasTheSpaceAndLatencyCommands() {
    List<String> names = commandPaths().map(p -> String.join(" ", p)).toList();
    assertTrue(names.containsAll(List.of("", "space", "space list", "space show", "space sample", "space cost",
        "latency", "latency devices", "latency predict", "latency compare", "write-examples")), names.toString());
  }

  @ParameterizedTest(name = "slimnas {0} --help")
  @MethodSource("commandPaths")
  void everyCommandAnswersHelp(List<String> path) {
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().startsWith("Usage: slimnas"), r::toString);
    assertTrue(r.err().isEmpty(), r::toString);
  }

  @ParameterizedTest(name = "slimnas {0} --version")
  @MethodSource("commandPaths")
  void everyCommandAnswersVersion(List<String> path) {
    List<String> args = new ArrayList<>(path);
    args.add("--version");
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().startsWith("slimnas "), r::toString);
  }

  @ParameterizedTest(name = "slimnas {0} has a description and standard help options")
  @MethodSource("commandPaths")
  void everyCommandIsDescribed(List<String> path) {
    CommandLine c = SlimnasCli.commandLine();
    for (String p : path) {
      c = c.getSubcommands().get(p);
    }
    assertTrue(c.getCommandSpec().mixins().containsKey("mixinStandardHelpOptions"), path.toString());
    String[] description = c.getCommandSpec().usageMessage().description();
    assertFalse(Arrays.stream(description).allMatch(String::isBlank), path + " has no description");
  }

  @Test
  void versionNamesTheProjectVersion() {
    Cli.Result r = Cli.run("--version");
    assertEquals(0, r.exit());
    assertFalse(r.out().contains("unknown"), r.out());
    assertTrue(r.out().lines().findFirst().orElseThrow().matches("slimnas \\d+\\.\\d+\\.\\d+.*"), r.out());
  }

  @Test
  void groupWithoutSubcommandIsAUsageErrorListingTheChoices() {
    Cli.Result r = Cli.run("space");
    assertEquals(2, r.exit());
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().contains("list, show, sample, cost"), r.err());
  }

  @Test
  void rootWithoutCommandIsAUsageError() {
    Cli.Result r = Cli.run();
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("slimnas: error:"), r.err());
    assertFalse(r.err().contains("write-examples"), "hidden commands are not advertised: " + r.err());
  }
}
