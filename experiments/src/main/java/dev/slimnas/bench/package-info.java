/**
 * Training-throughput benchmarks of SlimNAS's DL4J networks against PyTorch: the worker that trains a
 * network on random data in its own process ({@link dev.slimnas.bench.TrainWorker}), the per-layer-type
 * profile of a DL4J training step ({@link dev.slimnas.bench.StepProfiler}), the child-process runner,
 * and the pure arithmetic and result documents of alternating rounds ({@link dev.slimnas.bench.BenchStats},
 * {@link dev.slimnas.bench.BenchReport}).
 */
package dev.slimnas.bench;
