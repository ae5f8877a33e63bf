/** Files: atomic writes, checksums and provenance records. */
package dev.slimnas.space.io;
