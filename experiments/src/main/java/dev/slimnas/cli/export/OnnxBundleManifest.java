package dev.slimnas.cli.export;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code manifest.json} of {@code slimnas export --bundle B --onnx --all} (schema {@value #SCHEMA}): one ONNX
 * model per width configuration of a slimmable bundle, so an app can ship several and pick one by its latency
 * budget at run time.
 *
 * @param bundle the bundle folder the models come from
 * @param space the bundle's space and width multiplier, e.g. {@code spnas-cifar x0.5}
 * @param accuracyOn what {@link Model#accuracy()} was measured on
 * @param measuredOn how {@link Model#ortLatencyMs()} was measured (runtime, threads, clock, CPU, load), or empty
 *     when not measured
 * @param models one per configuration, fastest (by measured, else predicted latency) first
 */
public record OnnxBundleManifest(String bundle, String space, String accuracyOn, Map<String, String> measuredOn,
    List<Model> models) {
  public static final String SCHEMA = "slimnas.onnx-bundle";
  public static final int VERSION = 1;
  public static final String FILE = "manifest.json";

  public OnnxBundleManifest {
    Objects.requireNonNull(bundle, "bundle");
    measuredOn = Map.copyOf(measuredOn);
    models = List.copyOf(models);
  }

  /**
   * One exported configuration.
   *
   * @param file the ONNX file, relative to the manifest
   * @param widths the configuration's width multipliers per width group
   * @param accuracy its accuracy as the bundle records it
   * @param mmacs multiply-accumulates in millions
   * @param predictedLatencyMs predicted latency per device of the bundle
   * @param ortLatencyMs latency of this file in ONNX Runtime on the exporting machine (0 when not measured)
   * @param ortIqrMs interquartile range of those timings (0 when not measured)
   * @param bytes file size
   * @param sha256 checksum of the file
   */
  public record Model(String file, List<Double> widths, double accuracy, double mmacs, Map<String, Double> predictedLatencyMs,
      double ortLatencyMs, double ortIqrMs, long bytes, String sha256) {
    public Model {
      widths = List.copyOf(widths);
      predictedLatencyMs = Map.copyOf(predictedLatencyMs);
    }
  }
}
