/** Overhead accounting: exact training MACs of width optimisation on the proxy vs. on the target. */
package dev.slimnas.transfer.overhead;
