/** Command-line inputs shared by commands: spaces by name or file, architectures by file or reference name. */
package dev.slimnas.cli.input;
