package dev.slimnas.space.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Checks of the places a command writes to, made before any work: a folder that is a file, a folder
 * under a file, a place without write permission. Every problem is an {@link OutputPathException}
 * whose one line names the option, the path and what is wrong with it; {@link #describe} turns any
 * file-system exception into such a line.
 */
public final class OutputPaths {
  private OutputPaths() {}

  /** Thrown when an output path cannot be used; bad input (the user's path), never a bug. */
  public static final class OutputPathException extends RuntimeException implements BadInput {
    public OutputPathException(String message) {
      super(message);
    }

    public OutputPathException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Checks that {@code dir} is a folder or can be made one; {@code option} (e.g. "--out") prefixes the message. */
  public static Path checkFolder(Path dir, String option) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new OutputPathException(prefix(option) + dir + " is a file, not a folder");
    }
    checkCreatable(dir, option, dir);
    return dir;
  }

  /** {@link #checkFolder}, then creates the folder (and its parents). */
  public static Path createFolder(Path dir, String option) {
    checkFolder(dir, option);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new OutputPathException(prefix(option) + "cannot create " + dir + ": " + describe(e), e);
    }
    return dir;
  }

  /** Checks that {@code file} can be written: not a folder, and its folder is or can be made a folder. */
  public static Path checkFile(Path file, String option) {
    if (Files.isDirectory(file)) {
      throw new OutputPathException(prefix(option) + file + " is a folder, not a file");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      if (Files.exists(parent) && !Files.isDirectory(parent)) {
        throw new OutputPathException(prefix(option) + "cannot write " + file + ": " + parent + " is a file, not a folder");
      }
      checkCreatable(parent, option, file);
    }
    return file;
  }

  /** The nearest existing ancestor of {@code dir} must be a writable folder (unless {@code dir} exists). */
  private static void checkCreatable(Path dir, String option, Path named) {
    Path abs = dir.toAbsolutePath().normalize();
    Path p = abs;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return;
    }
    if (!Files.isDirectory(p)) {
      throw new OutputPathException(prefix(option) + "cannot write " + named + ": " + p + " is a file, not a folder");
    }
    if (!p.equals(abs) && !Files.isWritable(p)) {
      throw new OutputPathException(prefix(option) + "cannot write " + named + ": the folder " + p + " is not writable");
    }
  }

  private static String prefix(String option) {
    return option == null || option.isEmpty() ? "" : option + " ";
  }

  /**
   * What went wrong, in words, for a file-system exception whose own message is often just a path
   * ("X" for a file where a folder was needed).
   */
  public static String describe(IOException e) {
    if (e instanceof FileSystemException f) {
      String file = f.getFile();
      String other = f.getOtherFile();
      String reason = f.getReason();
      String what;
      if (e instanceof FileAlreadyExistsException) {
        what = Files.isDirectory(Path.of(file)) ? "already exists" : "is a file, not a folder";
      } else if (e instanceof NoSuchFileException) {
        what = "does not exist";
      } else if (e instanceof AccessDeniedException) {
        what = "permission denied";
      } else if (e instanceof NotDirectoryException) {
        what = "is not a folder";
      } else if (e instanceof DirectoryNotEmptyException) {
        what = "is a folder that is not empty";
      } else {
        what = reason == null ? e.getClass().getSimpleName() : reason;
      }
      if (file == null) {
        return what;
      }
      if (reason != null && !(e instanceof FileAlreadyExistsException || e instanceof NoSuchFileException
          || e instanceof AccessDeniedException)) {
        what = reason.toLowerCase(java.util.Locale.ROOT);
      }
      return file + (other == null ? "" : " -> " + other) + " " + what;
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
