package dev.slimnas.supernet.single;

/** How an indicator {@code 1(norm > threshold)} is evaluated in the forward pass. */
public enum Relaxation {
  /**
   * Hard 0/1 step forward, the gradient of {@code sigmoid(T (norm - threshold))} backward (the
   * straight-through estimator of Single-Path NAS). What search uses.
   */
  HARD,
  /**
   * {@code sigmoid(T (norm - threshold))} forward and its exact gradient backward. A test mode: it makes
   * the layer a smooth function of its thresholds, so finite differences can check the chain from the
   * indicators to thresholds and weights that {@link #HARD} uses backward.
   */
  SOFT
}
