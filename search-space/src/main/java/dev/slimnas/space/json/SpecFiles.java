package dev.slimnas.space.json;

import dev.slimnas.space.search.ArchValidationException;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import java.nio.file.Path;

/** Reading and writing architecture and space files (schemas {@code slimnas.arch} and {@code slimnas.space}). */
public final class SpecFiles {
  public static final String ARCH_SCHEMA = "slimnas.arch";
  public static final String SPACE_SCHEMA = "slimnas.space";
  public static final int ARCH_VERSION = 1;
  public static final int SPACE_VERSION = 1;

  private SpecFiles() {}

  public static ArchSpec readArch(Path file) {
    return Json.read(file, ARCH_SCHEMA, ARCH_VERSION, ArchSpec.class);
  }

  /** Reads an architecture and checks that it belongs to {@code space}. */
  public static ArchSpec readArch(Path file, SearchSpace space) {
    ArchSpec arch = readArch(file);
    try {
      space.check(arch);
    } catch (ArchValidationException e) {
      throw new SpecFileException(file + ": " + e.getMessage(), e);
    }
    return arch;
  }

  public static SearchSpace readSpace(Path file) {
    return Json.read(file, SPACE_SCHEMA, SPACE_VERSION, SearchSpace.class);
  }

  public static String archJson(ArchSpec arch) {
    return Json.toJson(ARCH_SCHEMA, ARCH_VERSION, arch);
  }

  public static String spaceJson(SearchSpace space) {
    return Json.toJson(SPACE_SCHEMA, SPACE_VERSION, space);
  }

  public static ArchSpec parseArch(String text, String source) {
    return Json.parse(text, source, ARCH_SCHEMA, ARCH_VERSION, ArchSpec.class);
  }

  public static SearchSpace parseSpace(String text, String source) {
    return Json.parse(text, source, SPACE_SCHEMA, SPACE_VERSION, SearchSpace.class);
  }

  public static void writeArch(Path file, ArchSpec arch) {
    Json.write(file, ARCH_SCHEMA, ARCH_VERSION, arch);
  }

  public static void writeSpace(Path file, SearchSpace space) {
    Json.write(file, SPACE_SCHEMA, SPACE_VERSION, space);
  }
}
