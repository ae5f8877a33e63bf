/** Plain-text output of the command line: aligned tables and numbers with units. */
package dev.slimnas.cli.text;
