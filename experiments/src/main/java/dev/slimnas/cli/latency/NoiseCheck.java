package dev.slimnas.cli.latency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.profile.Clock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measurement noise across processes: the same network measured by {@code slimnas latency measure} in
 * separate JVMs, one after another. Differences between processes (memory layout, JIT decisions,
 * what else the machine does at the time) bound how close any predictor can get.
 */
final class NoiseCheck {
  private NoiseCheck() {}

  /**
   * Measures {@code arch} in {@code processes} child JVMs ({@code slimnas latency measure --runtime runtime}), one
   * after another; processes already recorded in {@code progress} are not run again, each new one is recorded.
   */
  static ValidationReport.NoiseReport run(ArchSpec arch, int processes, int threads, int batch, double targetMs, Clock clock,
      String statistic, String runtime, PrintWriter log, ValidationProgress progress) {
    Path dir;
    try {
      dir = Files.createTempDirectory("slimnas-noise");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
    }
    Path file = dir.resolve("arch.json");
    SpecFiles.writeArch(file, arch);
    List<Double> medians = new ArrayList<>(progress.noiseMediansMs());
    List<Double> iqr = new ArrayList<>(progress.noiseRelativeIqr());
    try {
      for (int i = medians.size(); i < processes; i++) {
        List<String> args = List.of("latency", "measure", file.toString(), "--json", "--threads", Integer.toString(threads),
            "--batch", Integer.toString(batch), "--target-ms", Double.toString(targetMs), "--seed", "1", "--clock", clock.id(),
            "--statistic", statistic, "--runtime", runtime);
        ChildJvm.Result r = ChildJvm.run(args, threads, null, null, Duration.ofMinutes(15));
        String line = r.stdout().lines().map(String::strip).filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
        if (r.exit() != 0 || line == null) {
          throw new IllegalStateException("noise check: process " + (i + 1) + " failed (exit " + r.exit() + ")");
        }
        JsonNode n = Json.mapper().readTree(line).get("latency");
        medians.add(n.get("ms").asDouble());
        iqr.add(n.get("spreadMs").asDouble() / n.get("ms").asDouble());
        progress.addNoise(medians.get(i), iqr.get(i));
        if (log != null) {
          log.printf(Locale.ROOT, "noise: process %d/%d: %.3f ms (IQR %.1f%%)%n", i + 1, processes, medians.get(i), 100 * iqr.get(i));
          log.flush();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("noise check: unreadable child output: " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      } catch (IOException ignored) {
        // a temporary file left behind is harmless
      }
    }
    return summarize(arch.name(), medians, iqr);
  }

  static ValidationReport.NoiseReport summarize(String arch, List<Double> medians, List<Double> relIqr) {
    double[] m = medians.stream().mapToDouble(Double::doubleValue).toArray();
    double med = median(m);
    double[] dev = Arrays.stream(m).map(v -> Math.abs(v - med)).toArray();
    double range = Arrays.stream(m).max().orElse(0) - Arrays.stream(m).min().orElse(0);
    double mape = 100 * Arrays.stream(dev).average().orElse(0) / med;
    double within = 100.0 * Arrays.stream(dev).filter(d -> d <= 0.10 * med).count() / m.length;
    return new ValidationReport.NoiseReport(arch, m.length, medians, med, 100 * range / med, 100 * median(dev) / med,
        100 * median(relIqr.stream().mapToDouble(Double::doubleValue).toArray()), mape, within);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
