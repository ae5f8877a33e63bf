package dev.slimnas.cli.space;

import dev.slimnas.cli.input.Spaces;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.SearchSpace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slimnas space show}: a space's stages, blocks, allowed ops and width groups. */
@Command(name = "show",
    footer = {"", "Examples:",
        "  slimnas space show spnas-cifar",
        "  slimnas space show examples/space/spnas-224.json --json"},
    mixinStandardHelpOptions = true,
    description = "Show a space: stages, blocks, allowed ops, width ranges and width groups.")
public final class SpaceShowCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPACE", description = "A built-in space name (see 'slimnas space list') or a space JSON file.")
  String space;

  @Option(names = "--json", description = "Print the space as JSON (schema slimnas.space) instead of tables.")
  boolean json;

  @Override
  public Integer call() {
    SearchSpace s = Spaces.resolve(space);
    spec.commandLine().getOut().print(json ? SpecFiles.spaceJson(s) : SpaceText.summary(s));
    return 0;
  }
}
