package dev.slimnas.space.trial;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Values made once per JVM and shared by every trial that runs in it (a data set loaded once per executor, not
 * once per trial). Keys name what the value is and where it came from (e.g. {@code cifar10:/data}).
 */
public final class JvmShared {
  private static final Map<String, Object> VALUES = new ConcurrentHashMap<>();
  private static final AtomicInteger LOADS = new AtomicInteger();

  private JvmShared() {}

  /** The value under {@code key}, made by {@code loader} if this JVM has none yet (once, even when called concurrently). */
  @SuppressWarnings("unchecked")
  public static <T> T get(String key, Supplier<T> loader) {
    return (T) VALUES.computeIfAbsent(key, k -> {
      LOADS.incrementAndGet();
      return loader.get();
    });
  }

  /** How many values this JVM has made (tests check that a data set was loaded once per JVM). */
  public static int loads() {
    return LOADS.get();
  }
}
