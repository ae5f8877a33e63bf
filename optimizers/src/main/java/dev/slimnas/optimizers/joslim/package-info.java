/**
 * Width sampling for joint width and weight optimisation (Joslim / PareCO, arXiv:2007.11752): an archive
 * of sampled width configurations with exact costs and re-scored losses, target costs (uniform or in the
 * front's largest gap), and proposals by a Gaussian-process surrogate, by evolution, or at random. The
 * training loop that uses them lives in the supernet module.
 */
package dev.slimnas.optimizers.joslim;
