/**
 * The searchable single-path MBConv block of Single-Path NAS (Stamoulis et al., arXiv:1904.02877;
 * searchable squeeze-and-excitation from arXiv:1907.00959) as one DL4J layer: a 5x5 depthwise
 * superkernel whose kernel size, expansion, skip and SE are hard indicators of weight norms against
 * trainable thresholds, trained through the straight-through estimator. {@link
 * dev.slimnas.supernet.single.SinglePathBlock} is the configuration, {@link
 * dev.slimnas.supernet.single.SearchableBlock} what the search loop uses, {@link
 * dev.slimnas.supernet.single.SinglePathGraph} adds whole blocks to a graph.
 */
package dev.slimnas.supernet.single;
