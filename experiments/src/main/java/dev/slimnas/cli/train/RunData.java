package dev.slimnas.cli.train;

import dev.slimnas.space.json.Json;
import dev.slimnas.supernet.data.Normalization;
import java.nio.file.Path;

/**
 * What a run was trained on, stored as {@code data.json} in the run folder (schema {@value #SCHEMA}):
 * the data set, which images trained and which evaluated, and the per-channel normalisation, so that
 * {@code slimnas eval} feeds the network exactly as training did.
 *
 * @param dataset {@code cifar10}
 * @param trainSplit {@code train} (all 50,000) or {@code search-train} (45,000, holding out validation)
 * @param evalSplit {@code test} or {@code validation}
 * @param trainImages images actually trained on (a seeded subset when fewer than the split has)
 */
public record RunData(String dataset, String trainSplit, String evalSplit, int trainImages, float[] mean, float[] std) {
  public static final String SCHEMA = "slimnas.run-data";
  public static final int VERSION = 1;

  public Normalization normalization() {
    return new Normalization(mean, std);
  }

  public void write(Path file) {
    Json.write(file, SCHEMA, VERSION, this);
  }

  public static RunData read(Path file) {
    return Json.read(file, SCHEMA, VERSION, RunData.class);
  }
}
