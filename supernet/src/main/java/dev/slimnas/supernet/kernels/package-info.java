/**
 * Java-loop kernels shared by the custom layers ({@code layers}) and the single-path supernet
 * ({@code single}), written so that JDK 17's JIT vectorises them: the depthwise convolution's backward
 * pass ({@link dev.slimnas.supernet.kernels.DepthwiseKernelF}, double twin
 * {@link dev.slimnas.supernet.kernels.DepthwiseKernel}), the INDArray entry point
 * {@link dev.slimnas.supernet.kernels.DepthwiseBackward} with the rule for when it beats ND4J's op, and
 * the per-channel fork/join helper {@link dev.slimnas.supernet.kernels.Parallel}.
 */
package dev.slimnas.supernet.kernels;
