package dev.slimnas.supernet.train;

import java.util.Objects;

/**
 * The document {@code checkpoint/gen-NNNNNN/state.json} (schema {@value #SCHEMA}): the trainer state and the file
 * name and SHA-256 of the network zip it belongs to, verified before a resume.
 *
 * @param state where the run stands
 * @param model file name of the network zip in the checkpoint folder
 * @param modelSha256 SHA-256 of that zip
 */
public record Checkpoint(TrainState state, String model, String modelSha256) {
  public static final String SCHEMA = "slimnas.train-checkpoint";
  public static final int VERSION = 1;

  public Checkpoint {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(modelSha256, "modelSha256");
  }
}
