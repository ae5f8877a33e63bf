/** Lookup-table latency models: the two vendored Pixel 1 tables. */
package dev.slimnas.latency.lut;
