/**
 * Width-aware latency prediction: a per-block linear model in cost features (MACs per op type,
 * weight and activation traffic, per-part constants) fitted by non-negative least squares
 * (Lawson-Hanson) on a device profile, stem and head models, a whole-network calibration, the
 * {@link dev.slimnas.latency.diff.BlockTable} view for the differentiable latency, and held-out
 * error estimates.
 */
package dev.slimnas.latency.fit;
