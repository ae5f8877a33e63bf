package dev.slimnas.supernet.kernels;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs a per-channel loop body in a few parallel chunks (channel c goes to chunk c mod chunks), or on
 * the calling thread when the whole job touches fewer than {@link #SEQUENTIAL_BELOW} elements (tiny
 * maps: the fork/join hand-off costs more than the work, and far more on a busy machine).
 */
public final class Parallel {
  public static final long SEQUENTIAL_BELOW = 1 << 16;

  private Parallel() {}

  public static void channels(int channels, long elements, IntConsumer body) {
    int chunks = elements < SEQUENTIAL_BELOW ? 1
        : Math.min(channels, Math.max(1, Runtime.getRuntime().availableProcessors()));
    if (chunks <= 1) {
      for (int c = 0; c < channels; c++) {
        body.accept(c);
      }
      return;
    }
    IntStream.range(0, chunks).parallel().forEach(k -> {
      for (int c = k; c < channels; c += chunks) {
        body.accept(c);
      }
    });
  }
}
