package dev.slimnas.cli.latency;

import dev.slimnas.cli.input.ArchOptions;
import dev.slimnas.cli.text.Table;
import dev.slimnas.cli.text.Units;
import dev.slimnas.latency.DeviceProfile;
import dev.slimnas.latency.LatencyBreakdown;
import dev.slimnas.latency.LatencyModel;
import dev.slimnas.latency.LatencyModels;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slimnas latency predict}: an architecture's predicted latency on a device, per block. */
@Command(name = "predict",
    footer = {"", "Examples:",
        "  slimnas latency predict --device pixel1-singlepath --ref spnas-final-224",
        "  slimnas latency predict --device pixel1-proxylessnas examples/arch/spnas-final-224.json --json"},
    mixinStandardHelpOptions = true,
    description = {"Predict the latency of an architecture on a device, with the fixed part and one line per block.",
        "An architecture the model does not cover is an error naming the block and the missing shape."})
public final class LatencyPredictCommand implements Callable<Integer> {
  /** Schema of the {@code --json} output. */
  public static final String SCHEMA = "slimnas.latency-prediction";

  @Spec
  CommandSpec spec;

  @Option(names = "--device", required = true, paramLabel = "ID", description = "Latency model id (see 'slimnas latency devices').")
  String device;

  @Mixin
  ArchOptions arch;

  @Option(names = "--json", description = "Print a machine-readable document (schema " + SCHEMA + ").")
  boolean json;

  /** One block of the {@code --json} document. */
  public record BlockLatency(int index, int stage, String op, double value) {}

  /** The {@code --json} document. */
  public record Prediction(String arch, String device, String unit, double total, double fixed, List<BlockLatency> blocks) {
    public Prediction {
      blocks = List.copyOf(blocks);
    }
  }

  @Override
  public Integer call() {
    LatencyModel model = LatencyModels.get(device);
    ArchSpec a = arch.load(null);
    LatencyBreakdown b = model.breakdown(a);
    DeviceProfile p = model.profile();
    List<BlockLayout> layout = a.layout();
    if (b.blocks().size() != layout.size()) {
      throw new IllegalStateException(p.id() + " returned " + b.blocks().size() + " block values for "
          + layout.size() + " blocks");
    }
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      List<BlockLatency> blocks = new ArrayList<>();
      for (BlockLayout l : layout) {
        blocks.add(new BlockLatency(l.index(), l.stage(), l.op().code(), b.blocks().get(l.index())));
      }
      o.print(Json.toJson(SCHEMA, 1, new Prediction(a.name(), p.id(), p.unit(), b.total(), b.fixed(), blocks)));
      return 0;
    }
    double total = b.total();
    o.println(a.name() + " on " + p.id() + ": " + Units.withUnit(total, p.unit()));
    o.println("device  " + p.device() + ", " + p.runtime() + ", " + p.precision()
        + (p.threads() > 0 ? ", " + p.threads() + " thread" + (p.threads() == 1 ? "" : "s") : "")
        + (p.batch() > 0 ? ", batch " + p.batch() : ""));
    o.println("source  " + p.source());
    o.println();
    Table t = Table.of("PART", ">STAGE", "OP", ">CHANNELS", ">RES", ">LATENCY", ">SHARE");
    t.row("fixed (stem, head, classifier, overhead)", "", "", "", "", Units.withUnit(b.fixed(), p.unit()),
        Units.percent(b.fixed(), total));
    for (BlockLayout l : layout) {
      double v = b.blocks().get(l.index());
      // a model may price a fixed block inside its constant: it reports 0 for a block that is not a skip
      String share = v == 0 && !l.op().isSkip() ? "in fixed" : Units.percent(v, total);
      t.row("block " + l.index(), l.stage(), l.op().code(), l.inChannels() + "->" + l.outChannels(),
          l.inResolution() + "->" + l.outResolution(), Units.withUnit(v, p.unit()), share);
    }
    t.row("total", "", "", "", "", Units.withUnit(total, p.unit()), "100.0%");
    o.print(t.render());
    return 0;
  }
}
