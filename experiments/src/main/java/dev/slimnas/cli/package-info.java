/** The {@code slimnas} command line: root command, error handling and exit codes. */
package dev.slimnas.cli;
