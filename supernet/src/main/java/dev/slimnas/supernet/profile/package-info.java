/**
 * On-device latency profiling with ND4J: each block, stem, head, the call overhead or a whole network
 * built as its own small DL4J graph (cut from the translator's configuration), timed with warm-up,
 * outlier removal and a stability re-check, and collected into a resumable, atomically written
 * device profile.
 */
package dev.slimnas.supernet.profile;
