package dev.slimnas.cli.latency;

import dev.slimnas.cli.text.Table;
import dev.slimnas.latency.DeviceProfile;
import dev.slimnas.latency.LatencyModels;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code slimnas latency devices}: the registered latency models and their device profiles. */
@Command(name = "devices",
    footer = {"", "Examples:",
        "  slimnas latency devices"},
    mixinStandardHelpOptions = true,
    description = "List the latency models (device profiles) usable with --device.")
public final class LatencyDevicesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Table t = Table.of("ID", "DEVICE", "RUNTIME", "PRECISION", ">THREADS", "UNIT", "SOURCE");
    for (String id : LatencyModels.names()) {
      DeviceProfile p = LatencyModels.get(id).profile();
      t.row(p.id(), p.device(), p.runtime(), p.precision(), p.threads() == 0 ? "-" : p.threads(), p.unit(), p.source());
    }
    spec.commandLine().getOut().print(t.render());
    spec.commandLine().getOut().println("--device also takes a profile file (.json of 'slimnas latency profile', e.g. measured in"
        + " ONNX Runtime with --runtime onnxruntime): the width-aware predictor fitted on it.");
    return 0;
  }
}
