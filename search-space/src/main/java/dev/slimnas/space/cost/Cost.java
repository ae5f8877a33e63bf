package dev.slimnas.space.cost;

import java.util.List;

/** Exact cost of an architecture: totals and the per-layer breakdown they sum. */
public record Cost(long macs, long params, List<LayerCost> layers) {
  public Cost {
    layers = List.copyOf(layers);
  }

  /** Sum of the layers of one block. */
  public Cost block(int index) {
    List<LayerCost> l = layers.stream().filter(x -> x.block() == index).toList();
    return new Cost(l.stream().mapToLong(LayerCost::macs).sum(), l.stream().mapToLong(LayerCost::params).sum(), l);
  }
}
