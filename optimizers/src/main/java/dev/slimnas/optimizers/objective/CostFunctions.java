package dev.slimnas.optimizers.objective;

import dev.slimnas.latency.LatencyModel;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/** The cheap objectives as functions of an encoding: predicted latency, MACs, parameters. */
public final class CostFunctions {
  private CostFunctions() {}

  /** {@code cost(space.decode(e))}. */
  public static ToDoubleFunction<ArchEncoding> of(SearchSpace space, ToDoubleFunction<ArchSpec> cost) {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(cost, "cost");
    return e -> cost.applyAsDouble(space.decode(e));
  }

  /** Predicted latency on the model's device, in the profile's unit (ms for devices). */
  public static ToDoubleFunction<ArchEncoding> latency(SearchSpace space, LatencyModel model) {
    Objects.requireNonNull(model, "model");
    return of(space, model::predict);
  }

  /** Multiply-accumulates of one forward pass ({@link CostModel}). */
  public static ToDoubleFunction<ArchEncoding> macs(SearchSpace space) {
    return of(space, a -> CostModel.of(a).macs());
  }

  /** Parameter count ({@link CostModel}). */
  public static ToDoubleFunction<ArchEncoding> params(SearchSpace space) {
    return of(space, a -> CostModel.of(a).params());
  }
}
