package dev.slimnas.transfer.overhead;

import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.spec.ArchSpec;
import java.util.Locale;
import java.util.Objects;

/**
 * The exact training cost of a width optimisation on one network:
 * {@code totalMacs = passes * forwardMacs * images * epochs}, where {@code forwardMacs} is the
 * {@link CostModel} forward MACs of one image through the network's baseline (full-width) architecture
 * at its own input resolution, and {@code passes = 3} counts a training step as one forward and one
 * backward pass with the backward pass at twice the forward cost. Everything an optimiser does per step
 * beyond that (e.g. the extra sub-networks of the sandwich rule) is the same on proxy and target and is
 * not counted; it cancels in the {@link Overhead#reduction()}.
 *
 * @param network name of the baseline architecture
 */
public record OptimizationCost(String network, long forwardMacs, long images, double epochs, int passes, double totalMacs) {

  /** Forward + backward, the backward pass counted as twice the forward. */
  public static final int TRAINING_PASSES = 3;

  public OptimizationCost {
    Objects.requireNonNull(network, "network");
    if (forwardMacs < 1 || images < 1 || !(epochs > 0) || passes < 1) {
      throw new IllegalArgumentException("optimization cost needs positive MACs, images, epochs and passes, got "
          + forwardMacs + ", " + images + ", " + epochs + ", " + passes);
    }
  }

  public static OptimizationCost of(ArchSpec baseline, Schedule schedule) {
    long fwd = CostModel.of(baseline).macs();
    return new OptimizationCost(baseline.name(), fwd, schedule.images(), schedule.epochs(), TRAINING_PASSES,
        (double) TRAINING_PASSES * fwd * schedule.images() * schedule.epochs());
  }

  /** One line for logs. */
  public String summary() {
    return String.format(Locale.ROOT, "%s: %d x %.4g MMACs/image x %d images x %.4g epochs = %.4g PMACs",
        network, passes, forwardMacs / 1e6, images, epochs, totalMacs / 1e15);
  }
}
