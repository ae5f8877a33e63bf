package dev.slimnas.transfer.proxy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * How many blocks each stage of a proxy keeps: a fraction of the target's blocks, or explicit counts.
 * A proxy stage keeps the <b>first</b> blocks of the target stage (the first block carries the stage's
 * stride and its change of width, the others are same-shape residual blocks). Every stage keeps at
 * least one block. In JSON: {@code {"type": "fraction", "fraction": 0.5}} or
 * {@code {"type": "counts", "counts": [1, 2, 2, 2, 2, 2, 1]}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Depth.Fraction.class, name = "fraction"),
    @JsonSubTypes.Type(value = Depth.Counts.class, name = "counts")})
public sealed interface Depth permits Depth.Fraction, Depth.Counts {

  /** Every block of every stage. */
  static Depth full() {
    return new Fraction(1.0);
  }

  static Depth fraction(double fraction) {
    return new Fraction(fraction);
  }

  static Depth counts(Integer... counts) {
    return new Counts(List.of(counts));
  }

  /**
   * Blocks the proxy keeps in stage {@code stage} of a target with {@code targetBlocks} blocks there.
   *
   * @param stages number of stages of the target (checked against explicit counts)
   */
  int keep(int stage, int stages, int targetBlocks);

  /** Short code for names and logs, e.g. {@code d0.5} or {@code d1-2-2-2-2-2-1}. */
  String code();

  /** {@code max(1, round(n * fraction))} blocks of a stage with n blocks (halves round up). */
  record Fraction(double fraction) implements Depth {
    public Fraction {
      if (!(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException("depth.fraction must be in (0, 1], got " + fraction);
      }
    }

    @Override
    public int keep(int stage, int stages, int targetBlocks) {
      return (int) Math.max(1, Math.min(targetBlocks, Math.round(targetBlocks * fraction)));
    }

    @Override
    public String code() {
      return "d" + ProxySpec.number(fraction);
    }
  }

  /** Explicit block counts, one per stage; each in {@code [1, blocks of the target stage]}. */
  record Counts(List<Integer> counts) implements Depth {
    public Counts {
      if (counts == null || counts.isEmpty()) {
        throw new IllegalArgumentException("depth.counts needs one count per stage, got none");
      }
      counts = List.copyOf(counts);
      for (int i = 0; i < counts.size(); i++) {
        if (counts.get(i) < 1) {
          throw new IllegalArgumentException("depth.counts[" + i + "] must be >= 1, got " + counts.get(i));
        }
      }
    }

    @Override
    public int keep(int stage, int stages, int targetBlocks) {
      if (counts.size() != stages) {
        throw new IllegalArgumentException("depth.counts has " + counts.size() + " entries, the target has " + stages + " stages");
      }
      int k = counts.get(stage);
      if (k > targetBlocks) {
        throw new IllegalArgumentException("depth.counts[" + stage + "] = " + k + " exceeds the " + targetBlocks
            + " blocks of target stage " + stage + " (a proxy keeps a prefix of each stage)");
      }
      return k;
    }

    @Override
    public String code() {
      return "d" + String.join("-", counts.stream().map(String::valueOf).toList());
    }
  }
}
