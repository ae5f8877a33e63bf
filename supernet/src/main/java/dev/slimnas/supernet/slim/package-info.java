/**
 * Slimmable networks with per-layer widths (Joslim, arXiv:2007.11752; US-Nets): one set of shared
 * weights held by the full-width DL4J network, sub-networks that use the first {@code c} channels of
 * every layer (prefix slicing: their parameters are copied out of the shared ones and their gradients
 * added back into the leading block), the sandwich training step with in-place distillation, per
 * sub-network BN recalibration and evaluation. Block ops can be searched with the widths
 * ({@link dev.slimnas.supernet.slim.JointFamily}): a smaller kernel is the centred window of the full
 * kernel (Single-Path NAS superkernel), a smaller expansion a prefix of the hidden channels.
 *
 * <p>Why copies and not one graph: a DL4J layer's parameter shapes are fixed by its configuration, so
 * a width is a separate (cached) graph of that width. Copying the prefix costs a pass over the
 * parameters (about 1% of a training step at CIFAR scale); the sub-network's forward and backward
 * passes then cost what its width costs, unlike masking, which always pays for the full width
 * ({@code ../shared/DL4J-NOTES.md}: 224 vs ~95 ms at a quarter width).
 */
package dev.slimnas.supernet.slim;
