/** {@code slimnas train} and {@code slimnas eval}: training runs on real data and their evaluation. */
package dev.slimnas.cli.train;
