package dev.slimnas.cli;

import java.nio.file.Path;

/**
 * A command that writes a run folder: {@link SlimnasCli} locks it ({@code dev.slimnas.space.io.RunLock})
 * for the command's whole life, so a second writer exits 2 naming the folder and the holder.
 */
public interface WritesRunFolder {
  /** The folder this invocation writes, or null when the command chooses it later (and locks it itself). */
  Path runFolder();

  /** True when {@link #runFolder()} is a file written in place; its lock is {@code FILE.lock} beside it. */
  default boolean runFolderIsFile() {
    return false;
  }
}
