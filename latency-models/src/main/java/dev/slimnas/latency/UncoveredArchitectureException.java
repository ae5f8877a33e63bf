package dev.slimnas.latency;

/** A lookup table has no entry for a part of an architecture; the message names the block and the shape. */
public final class UncoveredArchitectureException extends IllegalArgumentException {
  public UncoveredArchitectureException(String message) {
    super(message);
  }
}
