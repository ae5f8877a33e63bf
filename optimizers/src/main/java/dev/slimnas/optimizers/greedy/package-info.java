/**
 * Greedy width slimming in the manner of AutoSlim (Yu and Huang, 2019, arXiv:1903.11728): from the full
 * network, repeatedly slim the one width group whose slimming hurts the loss least, until a cost target is
 * met. The accepted configurations form a loss/cost path from which other budgets can be read.
 */
package dev.slimnas.optimizers.greedy;
