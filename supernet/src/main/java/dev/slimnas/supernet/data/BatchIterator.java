package dev.slimnas.supernet.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Iterates the batches of a {@link BatchSource} from (epoch, batch index) up to the end of an epoch
 * range, preparing up to {@code prefetch} batches ahead on one background thread. The order and content
 * are those of {@link BatchSource#batch(int, int)}, so they do not depend on threading, and starting at
 * a saved position resumes exactly. Close it (try-with-resources) to stop the thread early.
 */
public final class BatchIterator implements Iterator<Batch>, AutoCloseable {
  public static final int DEFAULT_PREFETCH = 3;
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue;
  private final Thread worker;
  private volatile boolean closed;
  private Object next;

  private record Failure(int epoch, int index, Throwable error) {}

  /**
   * @param source the batches
   * @param fromEpoch first epoch
   * @param fromBatch first batch index within {@code fromEpoch}
   * @param toEpochExclusive epoch at which to stop
   * @param prefetch batches prepared ahead (1..64)
   */
  public BatchIterator(BatchSource source, int fromEpoch, int fromBatch, int toEpochExclusive, int prefetch) {
    if (prefetch < 1 || prefetch > 64) {
      throw new IllegalArgumentException("prefetch must be in 1..64, got " + prefetch);
    }
    if (fromEpoch < 0 || fromBatch < 0 || fromBatch > source.batchesPerEpoch() || toEpochExclusive < fromEpoch) {
      throw new IllegalArgumentException("bad position: epoch " + fromEpoch + " batch " + fromBatch + " to epoch " + toEpochExclusive
          + " (epochs have " + source.batchesPerEpoch() + " batches)");
    }
    this.queue = new ArrayBlockingQueue<>(prefetch);
    this.worker = new Thread(() -> produce(source, fromEpoch, fromBatch, toEpochExclusive), "slimnas-prefetch");
    worker.setDaemon(true);
    worker.start();
  }

  private void produce(BatchSource source, int fromEpoch, int fromBatch, int toEpochExclusive) {
    int epoch = fromEpoch;
    int index = fromBatch;
    try {
      for (; epoch < toEpochExclusive && !closed; epoch++, index = 0) {
        for (; index < source.batchesPerEpoch() && !closed; index++) {
          queue.put(source.batch(epoch, index));
        }
      }
      queue.put(END);
    } catch (InterruptedException e) {
      // closed: stop quietly
    } catch (RuntimeException | Error e) {
      try {
        queue.put(new Failure(epoch, index, e));
      } catch (InterruptedException ignored) {
        // closed while reporting
      }
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      if (closed) {
        return false;
      }
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a batch", e);
      }
    }
    if (next instanceof Failure f) {
      throw new IllegalStateException("preparing batch " + f.index() + " of epoch " + f.epoch() + " failed: " + f.error(), f.error());
    }
    return next != END;
  }

  @Override
  public Batch next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more batches");
    }
    Batch b = (Batch) next;
    next = null;
    return b;
  }

  /** Stops the background thread and drops prepared batches; idempotent. */
  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    queue.clear();
    try {
      worker.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    next = null;
  }

  /** True while the background thread runs (for tests of clean shutdown). */
  boolean workerAlive() {
    return worker.isAlive();
  }
}
