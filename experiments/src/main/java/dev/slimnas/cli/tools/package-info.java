/** Maintenance tools of the repository, such as regenerating the example files. */
package dev.slimnas.cli.tools;
