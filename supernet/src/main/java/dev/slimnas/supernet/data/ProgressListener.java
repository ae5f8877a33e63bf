package dev.slimnas.supernet.data;

/**
 * Receives progress of long data work (reading an archive, decoding images, reading or writing a cache).
 * Calls for one task are serialised and {@code done} never decreases; the last call has
 * {@code done == total}. Calls may come from worker threads.
 */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores everything. */
  ProgressListener NONE = (task, done, total) -> {};

  /**
   * @param task short name of the work, e.g. {@code "decode"}
   * @param done units finished so far
   * @param total units in all (bytes or images, depending on the task)
   */
  void progress(String task, long done, long total);
}
