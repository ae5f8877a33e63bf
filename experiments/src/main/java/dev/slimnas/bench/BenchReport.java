package dev.slimnas.bench;

import dev.slimnas.space.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The document {@code bench-train.json}: what was run, on what machine, every round, the medians and
 * the ratio, and the DL4J profile when one was taken.
 *
 * @param dl4jProfile the DL4J step profile, null unless {@code --profile} was given
 * @param pytorchProfile the PyTorch step profile, null unless {@code --profile} was given and PyTorch ran
 * @param uncontended the same summary over only the rounds in which no side lost CPU to other processes
 *     ({@link BenchStats#uncontended}), or null when there is no such round
 * @param notes anything the reader must know (a skipped side, unequal parameter counts)
 */
public record BenchReport(Settings settings, Map<String, Object> machine, List<RoundResult> rounds,
    BenchStats.Summary summary, BenchStats.Summary uncontended, StepProfile dl4jProfile, StepProfile pytorchProfile, List<String> notes) {
  public static final String SCHEMA = "slimnas.bench-train";
  public static final int VERSION = 1;
  public static final String FILE_NAME = "bench-train.json";

  public BenchReport {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(summary, "summary");
    machine = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(machine));
    rounds = List.copyOf(rounds);
    notes = List.copyOf(notes);
  }

  /**
   * The benchmark's settings.
   *
   * @param arch the architecture's name
   * @param archSource where it came from ({@code --ref NAME} or a file)
   * @param archFingerprint fingerprint of the architecture record
   * @param mode {@code train} or {@code infer}
   * @param threads threads per side (OMP_NUM_THREADS, torch.set_num_threads)
   * @param python the Python interpreter of the PyTorch side, or null when it was not run
   */
  public record Settings(String arch, String archSource, String archFingerprint, String mode, int batch,
      int rounds, int steps, int warmup, int threads, long seed, String python) {
    public Settings {
      Objects.requireNonNull(arch, "arch");
      Objects.requireNonNull(mode, "mode");
      if (batch < 1 || rounds < 1 || steps < 1 || warmup < 0 || threads < 1) {
        throw new IllegalArgumentException("batch, rounds, steps and threads must be >= 1 and warmup >= 0");
      }
    }
  }

  /** The versioned JSON text. */
  public String toJson() {
    return Json.toJson(SCHEMA, VERSION, this);
  }

  /** Writes the document atomically to {@code file}. */
  public void write(Path file) {
    Json.write(file, SCHEMA, VERSION, this);
  }
}
