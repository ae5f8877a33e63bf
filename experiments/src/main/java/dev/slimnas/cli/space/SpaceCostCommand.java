package dev.slimnas.cli.space;

import dev.slimnas.cli.input.ArchOptions;
import dev.slimnas.cli.input.Spaces;
import dev.slimnas.cli.text.Table;
import dev.slimnas.cli.text.Units;
import dev.slimnas.space.cost.Cost;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.cost.LayerCost;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slimnas space cost}: exact MACs and parameters of an architecture, per layer. */
@Command(name = "cost",
    footer = {"", "Examples:",
        "  slimnas space cost --ref mobilenetv2-1.0-224",
        "  slimnas space cost --ref nas-bench-macro-02012100 --space nas-bench-macro",
        "  slimnas space cost examples/arch/spnas-final-224.json --space spnas-224 --json"},
    mixinStandardHelpOptions = true,
    description = {"Exact multiply-accumulates and parameters of an architecture, in total and per layer.",
        "Convention: bias-free convs with BN (2 params per channel), SE convs and classifier with biases; "
            + "BN, activations, pooling and adds cost no MACs."})
public final class SpaceCostCommand implements Callable<Integer> {
  /** Schema of the {@code --json} output. */
  public static final String SCHEMA = "slimnas.cost";

  @Spec
  CommandSpec spec;

  @Mixin
  ArchOptions arch;

  @Option(names = "--space", paramLabel = "SPACE", description = "Also check that the architecture belongs to this space (name or file).")
  String space;

  @Option(names = "--json", description = "Print a machine-readable document (schema " + SCHEMA + ").")
  boolean json;

  /** The {@code --json} document. */
  public record CostReport(String arch, String space, long macs, long params, List<LayerCost> layers) {
    public CostReport {
      layers = List.copyOf(layers);
    }
  }

  @Override
  public Integer call() {
    SearchSpace s = space == null ? null : Spaces.resolve(space);
    ArchSpec a = arch.load(s);
    Cost c = CostModel.of(a);
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.print(Json.toJson(SCHEMA, 1, new CostReport(a.name(), s == null ? null : s.name(), c.macs(), c.params(), c.layers())));
      return 0;
    }
    o.println(a.name() + " (" + a.input().resolution() + "x" + a.input().resolution() + "x" + a.input().channels()
        + ", " + a.classes() + " classes, " + a.blockCount() + " blocks)" + (s == null ? "" : ": in space " + s.name()));
    o.println("ops     " + opCodes(a));
    o.println("MACs    " + Units.si(c.macs()) + " (" + Units.grouped(c.macs()) + ")");
    o.println("params  " + Units.si(c.params()) + " (" + Units.grouped(c.params()) + ")");
    o.println();
    Table t = Table.of("LAYER", ">MACS", ">MACS %", ">PARAMS", ">PARAMS %");
    for (LayerCost l : c.layers()) {
      t.row(l.name(), Units.si(l.macs()), Units.percent(l.macs(), c.macs()), Units.si(l.params()),
          Units.percent(l.params(), c.params()));
    }
    t.row("total", Units.si(c.macs()), "100.0%", Units.si(c.params()), "100.0%");
    o.print(t.render());
    return 0;
  }

  /** The ops of all blocks, space-separated, e.g. {@code k3e1 k3e3 skip ...}. */
  static String opCodes(ArchSpec a) {
    return a.ops().stream().map(BlockOp::code).collect(Collectors.joining(" "));
  }
}
