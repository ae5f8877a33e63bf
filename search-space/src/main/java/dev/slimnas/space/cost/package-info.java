/** Exact costs: multiply-accumulates and parameter counts of any architecture, SE included. */
package dev.slimnas.space.cost;
