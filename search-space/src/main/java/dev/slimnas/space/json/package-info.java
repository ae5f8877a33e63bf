/** Versioned JSON for the project's documents with one-line errors naming file, line, path and rule. */
package dev.slimnas.space.json;
