/**
 * Device profiles: measured latencies of blocks, stem, head, call overhead and whole networks with
 * the device and measurement conditions (JSON document {@code slimnas.latency-profile}), robust
 * summaries of repeated timings, and imports from a simple CSV format and from the ProxylessNAS
 * lookup-table format.
 */
package dev.slimnas.latency.profile;
