/** The {@code slimnas bench} commands: DL4J-versus-PyTorch training throughput, peak memory and a DL4J step profile. */
package dev.slimnas.cli.bench;
