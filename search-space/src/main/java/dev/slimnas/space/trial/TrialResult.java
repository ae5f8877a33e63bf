package dev.slimnas.space.trial;

import java.io.Serializable;
import java.util.Objects;

/**
 * A finished trial's result document, as written into its run folder (the text of a versioned JSON document)
 * and handed back to the runner's caller.
 *
 * @param trial the trial's name
 * @param document the result document's text
 */
public record TrialResult(String trial, String document) implements Serializable {
  private static final long serialVersionUID = 1L;

  public TrialResult {
    Objects.requireNonNull(trial, "trial");
    Objects.requireNonNull(document, "document");
  }
}
