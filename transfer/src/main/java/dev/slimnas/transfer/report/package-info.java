/** The transfer report: inputs, per-layer table, rescale, costs, overhead and provenance. */
package dev.slimnas.transfer.report;
