package dev.slimnas.space.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Paths read from a document: a file named inside a manifest, a run record or a result must stay in
 * the document's own folder. Absolute paths, {@code ..} steps that climb out, and symbolic links whose
 * target lies outside are refused with a one-line {@link SpecFileException} naming the document, the
 * field and the rule, so a crafted or copied document can never make the project read (or overwrite)
 * a file elsewhere.
 */
public final class DocumentPaths {
  private DocumentPaths() {}

  /**
   * {@code value} resolved against {@code folder}, refused unless it names a place inside it.
   *
   * @param document the document the value was read from (named in the message)
   * @param field where in the document, e.g. {@code $.weights}
   */
  public static Path inside(Path folder, String value, Path document, String field) {
    String where = document + ": at " + field + ": ";
    if (value == null || value.isBlank()) {
      throw new SpecFileException(where + "a file name is required");
    }
    Path rel;
    try {
      rel = Path.of(value);
    } catch (InvalidPathException e) {
      throw new SpecFileException(where + "'" + value + "' is not a valid file name");
    }
    if (rel.isAbsolute() || value.startsWith("/") || value.startsWith("\\")) {
      throw new SpecFileException(where + "'" + value + "' is an absolute path; a path in a document must name a file "
          + "inside its folder " + folder);
    }
    Path base = folder.toAbsolutePath().normalize();
    Path resolved = base.resolve(rel).normalize();
    if (!resolved.startsWith(base) || resolved.equals(base)) {
      throw new SpecFileException(where + "'" + value + "' leaves the document's folder " + folder
          + "; a path in a document must name a file inside it");
    }
    if (Files.exists(resolved)) {
      try {
        Path real = resolved.toRealPath();
        Path realBase = base.toRealPath();
        if (!real.startsWith(realBase)) {
          throw new SpecFileException(where + "'" + value + "' is a link to " + real + ", outside the document's folder "
              + folder + "; a path in a document must name a file inside it");
        }
      } catch (IOException e) {
        throw new SpecFileException(where + "cannot resolve '" + value + "': " + e.getMessage(), e);
      }
    }
    return resolved;
  }
}
