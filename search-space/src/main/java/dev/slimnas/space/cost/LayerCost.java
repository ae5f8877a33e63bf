package dev.slimnas.space.cost;

/**
 * Cost of one layer.
 *
 * @param name layer name, e.g. {@code block3.dw}
 * @param block global block index, -1 for stem, head and classifier
 * @param macs multiply-accumulates of one forward pass of one image
 * @param params trainable parameters (conv and FC weights and biases, BN scale and shift)
 */
public record LayerCost(String name, int block, long macs, long params) {}
