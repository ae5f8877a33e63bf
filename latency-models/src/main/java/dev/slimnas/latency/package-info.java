/** Latency models: architecture to predicted latency on a device profile. */
package dev.slimnas.latency;
