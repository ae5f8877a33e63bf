package dev.slimnas.space.trial;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One named, independent, resumable unit of an experiment. Its inputs are data ({@code input}: a serializable
 * record naming architecture, config, seed, ...) so that any runner can ship it to another JVM; everything it
 * writes goes into its run folder, which must be on a path every JVM that may run it sees.
 *
 * @param name unique within its experiment; letters, digits, {@code . _ -}
 * @param runFolder absolute path of the trial's run folder (a string: {@link Path} is not serializable)
 * @param input the trial's inputs
 * @param <I> the input type
 */
public record Trial<I extends Serializable>(String name, String runFolder, I input) implements Serializable {
  private static final long serialVersionUID = 1L;

  public Trial {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(runFolder, "runFolder");
    Objects.requireNonNull(input, "input");
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("trial name '" + name + "' may hold only letters, digits, '.', '_' and '-'");
    }
    if (!Path.of(runFolder).isAbsolute()) {
      throw new IllegalArgumentException("trial " + name + ": run folder " + runFolder + " is not an absolute path");
    }
  }

  /** A trial whose run folder is {@code dir} (made absolute). */
  public static <I extends Serializable> Trial<I> of(String name, Path dir, I input) {
    return new Trial<>(name, dir.toAbsolutePath().normalize().toString(), input);
  }

  /** The run folder. */
  public Path dir() {
    return Path.of(runFolder);
  }
}
