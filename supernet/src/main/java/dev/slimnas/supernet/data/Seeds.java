package dev.slimnas.supernet.data;

import java.nio.charset.StandardCharsets;

/** Derives child seeds by hashing a run seed with a purpose and step numbers (SplitMix64 finaliser). */
public final class Seeds {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /** A seed for {@code purpose} at the given steps (e.g. epoch, batch), independent of call order. */
  public static long derive(long seed, String purpose, long... steps) {
    long h = mix(seed + GOLDEN);
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xFF) + GOLDEN);
    }
    h = mix(h ^ steps.length);
    for (long s : steps) {
      h = mix(h + GOLDEN ^ s);
    }
    return h;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
