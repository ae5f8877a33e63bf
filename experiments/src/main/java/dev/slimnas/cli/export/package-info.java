/** {@code slimnas bundle} (a slimmable bundle from a slimmable training run and its front) and {@code slimnas export}. */
package dev.slimnas.cli.export;
