package dev.slimnas.cli.input;

import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves a space argument: the name of a built-in space or a space JSON file. */
public final class Spaces {
  private Spaces() {}

  /** The built-in space called {@code arg}, else the space in file {@code arg}. */
  public static SearchSpace resolve(String arg) {
    if (SearchSpaces.names().contains(arg)) {
      return SearchSpaces.get(arg);
    }
    if (looksLikeFile(arg)) {
      return SpecFiles.readSpace(Path.of(arg));
    }
    throw new IllegalArgumentException("unknown space '" + arg + "': not a built-in space ("
        + String.join(", ", SearchSpaces.names()) + ") and not a .json file");
  }

  /** True for arguments that name a file rather than a registry entry. */
  static boolean looksLikeFile(String arg) {
    return arg.endsWith(".json") || arg.contains("/") || arg.contains(java.io.File.separator) || Files.exists(Path.of(arg));
  }
}
