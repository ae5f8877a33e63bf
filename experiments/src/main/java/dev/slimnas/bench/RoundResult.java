package dev.slimnas.bench;

import java.util.List;
import java.util.Objects;

/**
 * One round: both sides, run one after the other in {@code order}.
 *
 * @param round 1-based round number
 * @param order the sides in the order they ran
 * @param dl4j the DL4J side
 * @param pytorch the PyTorch side, or null when it was skipped
 * @param ratio DL4J images/s divided by PyTorch images/s, or null without a PyTorch side
 */
public record RoundResult(int round, List<String> order, SideResult dl4j, SideResult pytorch, Double ratio) {
  public RoundResult {
    Objects.requireNonNull(dl4j, "dl4j");
    order = List.copyOf(order);
    if (round < 1) {
      throw new IllegalArgumentException("round must be >= 1, got " + round);
    }
    if ((pytorch == null) != (ratio == null)) {
      throw new IllegalArgumentException("ratio is present exactly when the PyTorch side is");
    }
  }

  /** A round with its ratio computed. */
  public static RoundResult of(int round, List<String> order, SideResult dl4j, SideResult pytorch) {
    return new RoundResult(round, order, dl4j, pytorch, pytorch == null ? null : dl4j.imagesPerS() / pytorch.imagesPerS());
  }

  /** The sides in running order for a 0-based round index: DL4J first on even rounds, PyTorch first on odd. */
  public static List<String> orderFor(int roundIndex, boolean withPytorch) {
    if (!withPytorch) {
      return List.of(SideResult.DL4J);
    }
    return roundIndex % 2 == 0 ? List.of(SideResult.DL4J, SideResult.PYTORCH) : List.of(SideResult.PYTORCH, SideResult.DL4J);
  }
}
