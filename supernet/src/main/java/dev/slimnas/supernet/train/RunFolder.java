package dev.slimnas.supernet.train;

import dev.slimnas.space.io.Checksums;
import dev.slimnas.space.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of one training run:
 *
 * <pre>
 * RUN/train.json                          the TrainConfig
 * RUN/metrics.jsonl                       JSON lines: header, steps (every k), epochs, end
 * RUN/checkpoint/last.zip                 network + updater state (ModelSerializer)
 * RUN/checkpoint/last.zip.provenance.json
 * RUN/checkpoint/last.json                trainer state + SHA-256 of last.zip
 * RUN/model.zip                           final network (with updater state)
 * RUN/model.zip.provenance.json
 * RUN/result.json                         TrainResult
 * </pre>
 *
 * @param dir the run folder
 */
public record RunFolder(Path dir) {
  public RunFolder {
    Objects.requireNonNull(dir, "dir");
  }

  public Path config() {
    return dir.resolve("train.json");
  }

  public Path metrics() {
    return dir.resolve("metrics.jsonl");
  }

  public Path checkpointDir() {
    return dir.resolve("checkpoint");
  }

  public Path checkpointModel() {
    return checkpointDir().resolve("last.zip");
  }

  public Path checkpointState() {
    return checkpointDir().resolve("last.json");
  }

  public Path model() {
    return dir.resolve("model.zip");
  }

  public Path result() {
    return dir.resolve("result.json");
  }

  /** True when a checkpoint state file exists. */
  public boolean hasCheckpoint() {
    return Files.exists(checkpointState());
  }

  /** Reads {@code checkpoint/last.json} and checks that {@code last.zip} is the file it describes. */
  public Checkpoint readCheckpoint() {
    Checkpoint c = Json.read(checkpointState(), Checkpoint.SCHEMA, Checkpoint.VERSION, Checkpoint.class);
    Path zip = checkpointDir().resolve(c.model());
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException(checkpointState() + ": names network " + zip + ", which does not exist");
    }
    String sha = Checksums.sha256(zip);
    if (!sha.equals(c.modelSha256())) {
      throw new IllegalStateException(zip + ": SHA-256 " + sha + " differs from " + c.modelSha256() + " recorded in "
          + checkpointState() + " (the run was probably killed while writing the checkpoint)");
    }
    return c;
  }

  /** Writes {@code checkpoint/last.json}. */
  void writeCheckpoint(Checkpoint c) {
    Json.write(checkpointState(), Checkpoint.SCHEMA, Checkpoint.VERSION, c);
  }

  /** Reads {@code result.json}. */
  public TrainResult readResult() {
    return Json.read(result(), TrainResult.SCHEMA, TrainResult.VERSION, TrainResult.class);
  }

  void writeResult(TrainResult r) {
    Json.write(result(), TrainResult.SCHEMA, TrainResult.VERSION, r);
  }
}
