/** The {@code slimnas space} commands: list, show, sample and cost search spaces and architectures. */
package dev.slimnas.cli.space;
