package dev.slimnas.cli.space;

import dev.slimnas.cli.text.Table;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code slimnas space list}: the built-in spaces, one line each. */
@Command(name = "list",
    footer = {"", "Examples:",
        "  slimnas space list"},
    mixinStandardHelpOptions = true, description = "List the built-in search spaces.")
public final class SpaceListCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Table t = Table.of("NAME", ">BLOCKS", ">SEARCHABLE", ">WIDTH GROUPS", "WIDTHS", "DESCRIPTION");
    for (String name : SearchSpaces.names()) {
      SearchSpace s = SearchSpaces.get(name);
      t.row(name, s.blockCount(), s.searchableBlocks().size(), s.widthGroups().size(),
          SpaceText.widths(s.widths()), s.description());
    }
    spec.commandLine().getOut().print(t.render());
    return 0;
  }
}
