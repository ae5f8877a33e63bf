/** The Single-Path NAS latency as a differentiable function of block indicators, with gradients. */
package dev.slimnas.latency.diff;
