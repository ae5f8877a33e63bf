/** Dependency-free surrogate models: Gaussian-process regression with Matern 5/2 and RBF kernels. */
package dev.slimnas.optimizers.surrogate;
