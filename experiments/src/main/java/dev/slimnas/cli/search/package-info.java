/** {@code slimnas search}: the single-path search under a latency budget, with its plots. */
package dev.slimnas.cli.search;
