package dev.slimnas.optimizers.joslim;

import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.optimizers.pareto.CostLossFront;
import dev.slimnas.space.search.ArchEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The width configurations sampled so far, each with its exact cost and its latest loss (NaN until the
 * caller scores it). The loss surface moves while the shared weights train, so the caller re-scores the
 * whole archive every tau steps ({@link #rescored}). Immutable; entries are distinct and keep the order
 * in which they were added.
 */
public record WidthArchive(List<WidthArchive.Entry> entries) {
  public WidthArchive {
    entries = List.copyOf(entries);
    if (entries.stream().map(Entry::encoding).distinct().count() != entries.size()) {
      throw new IllegalArgumentException("archive entries must be distinct encodings");
    }
  }

  /** One configuration: its encoding, exact cost, and latest loss (NaN: not scored yet). */
  public record Entry(ArchEncoding encoding, double cost, double loss) {
    public Entry {
      Objects.requireNonNull(encoding, "encoding");
      if (!Double.isFinite(cost)) {
        throw new IllegalArgumentException("cost must be finite, got " + cost);
      }
      if (Double.isInfinite(loss)) {
        throw new IllegalArgumentException("loss must be finite (or NaN for not scored), got " + loss);
      }
    }

    public boolean isScored() {
      return !Double.isNaN(loss);
    }

    /** This entry as a candidate with objectives {@code [cost, loss]}. */
    public Candidate toCandidate() {
      return Candidate.of(encoding, cost, loss);
    }
  }

  public static WidthArchive empty() {
    return new WidthArchive(List.of());
  }

  public int size() {
    return entries.size();
  }

  public boolean contains(ArchEncoding e) {
    return entries.stream().anyMatch(x -> x.encoding().equals(e));
  }

  /** The archive with {@code e} added unscored; unchanged when {@code e} is already in it. */
  public WidthArchive with(ArchEncoding e, double cost) {
    return withScored(e, cost, Double.NaN);
  }

  /** The archive with {@code e} added (or its loss replaced) with a loss. */
  public WidthArchive withScored(ArchEncoding e, double cost, double loss) {
    List<Entry> out = new ArrayList<>(entries);
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).encoding().equals(e)) {
        if (Double.isNaN(loss)) {
          return this;
        }
        out.set(i, new Entry(e, out.get(i).cost(), loss));
        return new WidthArchive(out);
      }
    }
    out.add(new Entry(e, cost, loss));
    return new WidthArchive(out);
  }

  /** Every entry re-scored with {@code loss} (e.g. the loss on a validation batch with the current weights). */
  public WidthArchive rescored(ToDoubleFunction<ArchEncoding> loss) {
    return new WidthArchive(entries.stream()
        .map(x -> new Entry(x.encoding(), x.cost(), loss.applyAsDouble(x.encoding()))).toList());
  }

  /** The scored entries as candidates {@code [cost, loss]}, in archive order. */
  public List<Candidate> scored() {
    return entries.stream().filter(Entry::isScored).map(Entry::toCandidate).toList();
  }

  /** The (cost, loss) front of the scored entries. */
  public CostLossFront front() {
    return CostLossFront.of(scored(), 0, 1);
  }
}
