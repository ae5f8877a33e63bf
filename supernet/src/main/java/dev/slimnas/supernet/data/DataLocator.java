package dev.slimnas.supernet.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's {@code data} folder: the system property {@value #PROPERTY}, else the
 * environment variable {@value #ENV}, else the nearest ancestor of the working directory that holds a
 * {@code data} folder beside a {@code pom.xml} or {@code .git} (so it works from any module folder).
 */
public final class DataLocator {
  public static final String PROPERTY = "slimnas.data";
  public static final String ENV = "SLIMNAS_DATA";

  private DataLocator() {}

  /** The data folder for this process. */
  public static Path dataDir() {
    return locate(System.getProperty(PROPERTY), System.getenv(ENV), Path.of("").toAbsolutePath());
  }

  /** The data folder given an explicit property value, environment value and start folder. */
  static Path locate(String property, String env, Path start) {
    if (property != null && !property.isBlank()) {
      return existing(Path.of(property.trim()), "system property " + PROPERTY);
    }
    if (env != null && !env.isBlank()) {
      return existing(Path.of(env.trim()), "environment variable " + ENV);
    }
    for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      Path data = d.resolve("data");
      if (Files.isDirectory(data) && (Files.isRegularFile(d.resolve("pom.xml")) || Files.exists(d.resolve(".git")))) {
        return data;
      }
    }
    throw new DataFileException("cannot find the data folder: no 'data' folder beside a pom.xml or .git above "
        + start.toAbsolutePath() + "; set -D" + PROPERTY + "=<dir> or " + ENV + "=<dir>");
  }

  private static Path existing(Path dir, String origin) {
    if (!Files.isDirectory(dir)) {
      throw new DataFileException(origin + " names " + dir + ", which is not a directory");
    }
    return dir.toAbsolutePath().normalize();
  }
}
