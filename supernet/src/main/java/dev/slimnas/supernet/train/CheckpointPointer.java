package dev.slimnas.supernet.train;

import java.util.Objects;

/**
 * The document {@code checkpoint/LATEST} (schema {@value #SCHEMA}): names the committed checkpoint
 * generation and the SHA-256s of its two files. Written atomically after the generation is in place, so
 * it is the one moment a checkpoint is committed.
 *
 * @param generation the generation folder's name, e.g. {@code gen-000012}
 * @param step steps done at the checkpoint
 * @param stateSha256 SHA-256 of the generation's {@code state.json}
 * @param modelSha256 SHA-256 of the generation's {@code model.zip}
 */
public record CheckpointPointer(String generation, long step, String stateSha256, String modelSha256) {
  public static final String SCHEMA = "slimnas.checkpoint-pointer";
  public static final int VERSION = 1;

  public CheckpointPointer {
    Objects.requireNonNull(generation, "generation");
    Objects.requireNonNull(stateSha256, "stateSha256");
    Objects.requireNonNull(modelSha256, "modelSha256");
    if (!generation.matches("gen-\\d{6,}")) {
      throw new IllegalArgumentException("generation must be gen-NNNNNN, got '" + generation + "'");
    }
  }
}
