/** Codecs between published NAS benchmarks' architecture codes and the project's specs. */
package dev.slimnas.space.bench;
