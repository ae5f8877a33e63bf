/** {@code slimnas transfer}: width transfer from a proxy's optimized widths onto a target network. */
package dev.slimnas.cli.transfer;
