package dev.slimnas.space.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An exclusive lock on a run folder ({@code RUN/.lock}) for the life of the command that writes it: an OS
 * file lock ({@link FileChannel#tryLock()}), so it is released on any exit, a kill included. The file names
 * its holder (PID, host, command, start time) while the lock is held and is emptied on {@link #close()};
 * a free lock whose file still names a holder was left by a process that died, and is reported as stale
 * and taken over. A second process gets a {@link InUseException} naming the folder and the holder.
 *
 * <p>Within one JVM the lock is re-entrant (a command locks its folder, the library's trainer locks it
 * again): the OS lock is held once and released when the last holder closes.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name inside the run folder. */
  public static final String FILE = ".lock";

  private static final Map<Path, Held> HELD = new HashMap<>();

  private final Path file;
  private boolean closed;

  private RunLock(Path file) {
    this.file = file;
  }

  /** A run folder held by another process. */
  public static final class InUseException extends RunFolderException {
    private static final long serialVersionUID = 1L;

    InUseException(String message) {
      super(message);
    }
  }

  private static final class Held {
    final FileChannel channel;
    final FileLock lock;
    final boolean createdFolder;
    int count = 1;

    Held(FileChannel channel, FileLock lock, boolean createdFolder) {
      this.channel = channel;
      this.lock = lock;
      this.createdFolder = createdFolder;
    }
  }

  /**
   * Locks the folder {@code runDir} (created if missing) for {@code command}; a stale lock is reported to
   * {@code notices} ("taking over stale lock of PID 123 on host h").
   *
   * @throws InUseException when another process holds it
   */
  public static RunLock acquire(Path runDir, String command, Consumer<String> notices) {
    boolean created = !Files.exists(runDir);
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + runDir + ": " + e.getMessage(), e);
    }
    try {
      return acquireFile(runDir, runDir.resolve(FILE), command, notices, created);
    } catch (RuntimeException e) {
      if (created) {
        removeIfOnlyLock(runDir.resolve(FILE).toAbsolutePath().normalize());
      }
      throw e;
    }
  }

  /** Locks an output file (not a folder) through the lock file {@code FILE.lock} beside it. */
  public static RunLock acquireForFile(Path output, String command, Consumer<String> notices) {
    Path abs = output.toAbsolutePath();
    try {
      Files.createDirectories(abs.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + abs.getParent() + ": " + e.getMessage(), e);
    }
    return acquireFile(output, abs.resolveSibling(abs.getFileName() + ".lock"), command, notices, false);
  }

  private static RunLock acquireFile(Path named, Path lockFile, String command, Consumer<String> notices,
      boolean createdFolder) {
    Path key = lockFile.toAbsolutePath().normalize();
    synchronized (HELD) {
      Held h = HELD.get(key);
      if (h != null) {
        h.count++;
        return new RunLock(key);
      }
      FileChannel ch = null;
      try {
        ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        String previous = read(ch);
        if (lock == null) {
          ch.close();
          throw new InUseException(named + ": run folder is in use by " + describe(previous));
        }
        if (!previous.isBlank()) {
          notices.accept(named + ": taking over stale lock of " + describe(previous) + ", a process that ended without releasing it");
        }
        String me = "pid=" + ProcessHandle.current().pid() + "\nhost=" + host() + "\ncommand=" + oneLine(command)
            + "\nstarted=" + Instant.now() + "\n";
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(true);
        HELD.put(key, new Held(ch, lock, createdFolder));
        return new RunLock(key);
      } catch (IOException e) {
        closeQuietly(ch);
        throw new UncheckedIOException("cannot lock " + key + ": " + e.getMessage(), e);
      }
    }
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /**
   * Empties the lock file and releases the lock (once the last re-entrant holder in this JVM closes). A
   * folder the lock created and nothing else wrote into (a command that refused its input) is removed.
   */
  @Override
  public void close() {
    synchronized (HELD) {
      if (closed) {
        return;
      }
      closed = true;
      Held h = HELD.get(file);
      if (h == null || --h.count > 0) {
        return;
      }
      HELD.remove(file);
      try {
        h.channel.truncate(0);
        h.channel.force(true);
        h.lock.release();
      } catch (IOException e) {
        // the OS releases the lock when the channel closes
      } finally {
        closeQuietly(h.channel);
      }
      if (h.createdFolder) {
        removeIfOnlyLock(file);
      }
    }
  }

  /** Removes the lock file and its folder when the folder holds nothing else. */
  private static void removeIfOnlyLock(Path lockFile) {
    Path dir = lockFile.getParent();
    try (var entries = Files.list(dir)) {
      if (entries.allMatch(lockFile::equals)) {
        Files.deleteIfExists(lockFile);
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      // best effort: an empty run folder is harmless
    }
  }

  /** "PID 123 on host h (slimnas train, started 2026-...)" from a lock file's text. */
  static String describe(String text) {
    Map<String, String> m = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq), line.substring(eq + 1).strip());
      }
    }
    if (!m.containsKey("pid")) {
      return "another process (its lock file names no holder yet)";
    }
    return "PID " + m.get("pid") + " on host " + m.getOrDefault("host", "?") + " (" + m.getOrDefault("command", "?")
        + ", started " + m.getOrDefault("started", "?") + ")";
  }

  private static String read(FileChannel ch) throws IOException {
    long size = Math.min(ch.size(), 4096);
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
      // fill
    }
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
  }

  private static String host() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // closing releases the lock anyway
      }
    }
  }
}
