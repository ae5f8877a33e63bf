package dev.slimnas.cli.export;

import dev.slimnas.latency.profile.Measurement;
import dev.slimnas.ort.OrtLatency;
import dev.slimnas.ort.OrtSessions;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.io.Checksums;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.Normalization;
import dev.slimnas.supernet.export.BundleConfig;
import dev.slimnas.supernet.export.SlimmableModel;
import dev.slimnas.supernet.onnx.OnnxExporter;
import dev.slimnas.supernet.profile.Clock;
import dev.slimnas.supernet.profile.LocalDevice;
import dev.slimnas.supernet.profile.MeterSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Every width configuration of a slimmable bundle as its own ONNX model, plus {@link OnnxBundleManifest}
 * ({@code manifest.json}): widths, accuracy, predicted latency per device, the file's latency in ONNX Runtime on
 * this machine, size and SHA-256. All models are exported in memory before any file is written, so a network the
 * exporter cannot express leaves nothing behind; the manifest is written last, so a folder without it is incomplete.
 */
final class BundleOnnxExport {
  /** End-to-end timing of each file: batch 1, 1 intra-op thread, thread-CPU clock, median of 15..500 calls over 500 ms. */
  static final MeterSettings TIMING = new MeterSettings(1, 5, 300, 15, 500, 500, 0.10, 3, 1, Clock.THREAD_CPU, 0.5);

  private BundleOnnxExport() {}

  static OnnxBundleManifest run(Path bundle, SlimmableModel m, Normalization n, Path dir, boolean measure, PrintStream log) {
    List<BundleConfig> configs = m.manifest().configs();
    List<byte[]> bytes = new ArrayList<>();
    List<ArchSpec> archs = new ArrayList<>();
    List<OnnxExporter> exporters = new ArrayList<>();
    for (BundleConfig c : configs) {
      ArchSpec a = m.arch(c);
      ComputationGraph g = m.network(c);
      OnnxExporter e = OnnxFiles.exporter(a, n, true, false);
      bytes.add(e.toBytes(g)); // refuses an inexpressible network before any file exists
      g.close();
      archs.add(a);
      exporters.add(e);
    }
    OutputPaths.createFolder(dir, "--out");
    Map<String, String> measuredOn = new LinkedHashMap<>();
    if (measure) {
      measuredOn.put("runtime", OrtSessions.RUNTIME + " " + OrtSessions.version() + " (CPU)");
      measuredOn.put("threads", "1");
      measuredOn.put("clock", TIMING.clock().id());
      measuredOn.put("statistic", TIMING.statistic());
      measuredOn.put("batch", "1");
      measuredOn.put("cpu", LocalDevice.cpuModel());
      measuredOn.put("loadavg.start", loadAverage());
    }
    List<OnnxBundleManifest.Model> models = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      BundleConfig c = configs.get(i);
      ArchSpec a = archs.get(i);
      String file = String.format(Locale.ROOT, "config-%02d.onnx", i);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("command", "slimnas export --bundle --onnx --all");
      d.put("bundle", bundle.toString());
      d.put("widths", c.widths());
      d.put("accuracy", c.accuracy());
      d.put("latencyMs", c.latencyMs());
      exporters.get(i).write(bytes.get(i), dir.resolve(file), d);
      double ms = 0;
      double iqr = 0;
      if (measure) {
        int res = a.input().resolution();
        Measurement x = OrtLatency.measure(bytes.get(i), new long[] {1, a.input().channels(), res, res}, TIMING, 1, file);
        ms = x.ms();
        iqr = x.spreadMs();
      }
      models.add(new OnnxBundleManifest.Model(file, c.widths(), c.accuracy(), CostModel.of(a).macs() / 1e6, c.latencyMs(), ms, iqr,
          bytes.get(i).length, Checksums.sha256(bytes.get(i))));
      log.printf(Locale.ROOT, "%s: widths %s, accuracy %.2f%%, predicted %s%s%n", file, c.widths(), 100 * c.accuracy(),
          c.latencyMs(), measure ? String.format(Locale.ROOT, ", %.3f ms in ONNX Runtime here", ms) : "");
    }
    if (measure) {
      measuredOn.put("loadavg.end", loadAverage());
    }
    OnnxBundleManifest manifest = new OnnxBundleManifest(bundle.toString(), m.manifest().space() + " x" + m.manifest().widthMultiplier(),
        m.manifest().accuracyOn(), measuredOn, models);
    Json.write(dir.resolve(OnnxBundleManifest.FILE), OnnxBundleManifest.SCHEMA, OnnxBundleManifest.VERSION, manifest);
    return manifest;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
