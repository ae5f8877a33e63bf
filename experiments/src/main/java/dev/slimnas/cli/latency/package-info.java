/** The {@code slimnas latency} commands: device profiles, predictions with per-block breakdowns, table comparison. */
package dev.slimnas.cli.latency;
