package dev.slimnas.latency;

import dev.slimnas.space.spec.ArchSpec;

/**
 * Predicts the latency of an architecture on one device profile.
 *
 * <p>Implementations are immutable and thread-safe. An architecture the model cannot cover gives an
 * {@link UncoveredArchitectureException} naming the block and the missing shape, never a guess.
 */
public interface LatencyModel {

  /** The device, runtime and measurement conditions this model stands for. */
  DeviceProfile profile();

  /** Predicted latency of one forward pass, in {@code profile().unit()} (milliseconds for devices). */
  double predict(ArchSpec arch);

  /** The prediction split into parts (fixed part, one entry per block) that sum to {@link #predict}. */
  LatencyBreakdown breakdown(ArchSpec arch);
}
