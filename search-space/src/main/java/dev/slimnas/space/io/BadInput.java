package dev.slimnas.space.io;

/**
 * Marks an exception that reports a problem with the user's input or environment (a malformed or
 * missing file, a damaged data archive, a run folder in the wrong state), never a bug. Its message is
 * one line naming the file, the place in it and the rule broken; the command line exits with code 2 and
 * prints just that line. Exceptions of the library modules implement it, so no module has to know the
 * command line's exit codes.
 */
public interface BadInput {}
