/** Larger target networks of a base space (deeper and wider), what width transfer projects onto. */
package dev.slimnas.transfer.targets;
