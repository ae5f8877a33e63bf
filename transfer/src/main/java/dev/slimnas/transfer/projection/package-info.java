/** Projection of a proxy's width ratios onto a target network, with layer stacking and the divisor rule. */
package dev.slimnas.transfer.projection;
