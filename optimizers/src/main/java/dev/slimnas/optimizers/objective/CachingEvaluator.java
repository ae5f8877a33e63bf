package dev.slimnas.optimizers.objective;

import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link AccuracyEvaluator} that evaluates every distinct network once. Encodings are keyed by their
 * canonical form ({@code space.encode(space.decode(e))}): multipliers that round to the same channel
 * counts, and hidden widths of skipped blocks, describe the same network and share one evaluation.
 * Not thread-safe; the searches of this module call it from one thread.
 */
public final class CachingEvaluator implements AccuracyEvaluator {
  private final SearchSpace space;
  private final AccuracyEvaluator delegate;
  private final Map<ArchEncoding, Double> cache = new HashMap<>();

  public CachingEvaluator(SearchSpace space, AccuracyEvaluator delegate) {
    this.space = Objects.requireNonNull(space, "space");
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The encoding every encoding of the same network maps to. */
  public ArchEncoding canonical(ArchEncoding encoding) {
    return space.encode(space.decode(encoding));
  }

  @Override
  public double accuracy(ArchEncoding encoding) {
    ArchEncoding key = canonical(encoding);
    Double cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    double acc = delegate.accuracy(key);
    if (!(acc >= 0 && acc <= 1)) {
      throw new IllegalArgumentException("accuracy must be a fraction in [0, 1], got " + acc + " for ops "
          + key.ops() + ", widths " + key.widths());
    }
    cache.put(key, acc);
    return acc;
  }

  /** How many distinct networks have been evaluated (calls to the delegate). */
  public int evaluations() {
    return cache.size();
  }

  /** True when the network of {@code encoding} has been evaluated already. */
  public boolean contains(ArchEncoding encoding) {
    return cache.containsKey(canonical(encoding));
  }
}
