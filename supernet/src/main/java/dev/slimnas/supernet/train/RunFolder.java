package dev.slimnas.supernet.train;

import dev.slimnas.space.io.RunFolderException;
import dev.slimnas.space.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The files of one training run:
 *
 * <pre>
 * RUN/train.json                          the TrainConfig
 * RUN/metrics.jsonl                       JSON lines: header, steps (every k), epochs, end
 * RUN/.lock                               the writer's lock ({@code RunLock})
 * RUN/checkpoint/gen-NNNNNN/model.zip      network + updater state (ModelSerializer), + provenance
 * RUN/checkpoint/gen-NNNNNN/state.json     trainer state + SHA-256 of model.zip
 * RUN/checkpoint/LATEST                    the committed generation (see {@link CheckpointStore})
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

  /** The checkpoints (read-only use; the trainer writes them). */
  public CheckpointStore checkpoints() {
    return new CheckpointStore(checkpointDir());
  }

  /** The committed checkpoint's network file (not verified), or null when none was committed. */
  public Path checkpointModel() {
    return checkpoints().lastModel();
  }

  public Path model() {
    return dir.resolve("model.zip");
  }

  public Path result() {
    return dir.resolve("result.json");
  }

  /**
   * Fails with a {@link RunFolderException} when the folder holds a run (a committed checkpoint, a final
   * network or a result): a new run must not start over it.
   */
  public void requireNoRun() {
    for (Path p : List.of(checkpoints().pointer(), checkpointDir().resolve("last.json"), result(), model())) {
      if (Files.exists(p)) {
        throw new RunFolderException(dir + " already holds a run (" + dir.relativize(p)
            + " exists): continue it with --resume or choose another folder with --out");
      }
    }
  }

  /** True when a checkpoint was committed. */
  public boolean hasCheckpoint() {
    return checkpoints().hasCheckpoint();
  }

  /** The committed checkpoint, verified against its pointer and checksums. */
  public Checkpoint readCheckpoint() {
    return checkpoints().committed().checkpoint();
  }

  /** Reads {@code result.json}. */
  public TrainResult readResult() {
    return Json.read(result(), TrainResult.SCHEMA, TrainResult.VERSION, TrainResult.class);
  }

  void writeResult(TrainResult r) {
    Json.write(result(), TrainResult.SCHEMA, TrainResult.VERSION, r);
  }
}
