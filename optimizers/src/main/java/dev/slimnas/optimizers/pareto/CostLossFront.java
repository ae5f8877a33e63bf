package dev.slimnas.optimizers.pareto;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The two-objective front of (cost, loss): candidates sorted by cost ascending, each with a strictly
 * lower loss than every cheaper one. It is read as the step function
 * {@code best(c) = min { loss(p) : cost(p) <= c }}, the best loss reachable within a cost budget c,
 * which is what a slimmable network offers when it is asked for the best sub-network under a budget.
 *
 * <p>For accuracy curves use error = 1 - accuracy as the loss; with {@code emptyLoss = 1} the area under
 * the accuracy curve over {@code [lo, hi]} is {@code (hi - lo) - area(lo, hi, 1)}.
 *
 * @param points the front, cost ascending and loss strictly descending
 * @param costIndex which objective of the candidates is the cost
 * @param lossIndex which objective of the candidates is the loss
 */
public record CostLossFront(List<Candidate> points, int costIndex, int lossIndex) {
  public CostLossFront {
    points = List.copyOf(Objects.requireNonNull(points, "points"));
    if (costIndex == lossIndex || costIndex < 0 || lossIndex < 0) {
      throw new IllegalArgumentException("need two distinct objective indices >= 0, got cost " + costIndex
          + ", loss " + lossIndex);
    }
    for (int i = 1; i < points.size(); i++) {
      Candidate a = points.get(i - 1);
      Candidate b = points.get(i);
      if (!(a.objective(costIndex) < b.objective(costIndex) && a.objective(lossIndex) > b.objective(lossIndex))) {
        throw new IllegalArgumentException("front point " + i + " (cost " + b.objective(costIndex) + ", loss "
            + b.objective(lossIndex) + ") does not follow point " + (i - 1) + " (cost " + a.objective(costIndex)
            + ", loss " + a.objective(lossIndex) + "): costs must rise and losses fall strictly");
      }
    }
  }

  /** The (cost, loss) front of any candidates: the 2-D non-dominated subset, one point per cost. */
  public static CostLossFront of(List<Candidate> candidates, int costIndex, int lossIndex) {
    List<Candidate> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.<Candidate>comparingDouble(c -> c.objective(costIndex))
        .thenComparingDouble(c -> c.objective(lossIndex)));
    List<Candidate> front = new ArrayList<>();
    for (Candidate c : sorted) {
      // sorted by loss within a cost, so a later point of the same cost never has a lower loss
      if (front.isEmpty() || c.objective(lossIndex) < front.get(front.size() - 1).objective(lossIndex)) {
        front.add(c);
      }
    }
    return new CostLossFront(front, costIndex, lossIndex);
  }

  /** Candidates with objectives {@code [cost, loss]}: the front of them with cost index 0, loss index 1. */
  public static CostLossFront of(List<Candidate> candidates) {
    return of(candidates, 0, 1);
  }

  public int size() {
    return points.size();
  }

  public boolean isEmpty() {
    return points.isEmpty();
  }

  public double cost(int i) {
    return points.get(i).objective(costIndex);
  }

  public double loss(int i) {
    return points.get(i).objective(lossIndex);
  }

  /** The best (lowest-loss) point with cost {@code <= budget}, if any. */
  public Optional<Candidate> bestUnder(double budget) {
    Candidate best = null;
    for (int i = 0; i < points.size() && cost(i) <= budget; i++) {
      best = points.get(i);
    }
    return Optional.ofNullable(best);
  }

  /** The lowest loss with cost {@code <= budget}: the step function {@code best(budget)}. */
  public OptionalDouble bestLoss(double budget) {
    return bestUnder(budget).map(c -> OptionalDouble.of(c.objective(lossIndex))).orElse(OptionalDouble.empty());
  }

  /**
   * How much lower this front's best loss is than {@code other}'s at {@code budget} (positive: this one is
   * better); NaN when either front has no point within the budget.
   */
  public double gainOver(CostLossFront other, double budget) {
    OptionalDouble mine = bestLoss(budget);
    OptionalDouble theirs = other.bestLoss(budget);
    return mine.isPresent() && theirs.isPresent() ? theirs.getAsDouble() - mine.getAsDouble() : Double.NaN;
  }

  /**
   * The integral of {@code best(c)} over {@code [lo, hi]}, counting {@code emptyLoss} where no point is
   * within the budget (below the cheapest point). Lower is better; fronts compare fairly only over the
   * same bounds and the same {@code emptyLoss}.
   */
  public double area(double lo, double hi, double emptyLoss) {
    if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
      throw new IllegalArgumentException("area needs finite bounds lo < hi, got [" + lo + ", " + hi + "]");
    }
    double area = 0;
    double from = lo;
    double level = emptyLoss;
    for (int i = 0; i < points.size(); i++) {
      double c = cost(i);
      if (c >= hi) {
        break;
      }
      if (c > lo) {
        area += level * (c - from);
        from = c;
      }
      level = loss(i);
    }
    return area + level * (hi - from);
  }

  /** {@link #area} divided by {@code hi - lo}: the mean best loss over budgets drawn uniformly in the bounds. */
  public double meanLoss(double lo, double hi, double emptyLoss) {
    return area(lo, hi, emptyLoss) / (hi - lo);
  }

  /**
   * The largest gap of the front within {@code [lo, hi]} (PareCO's target-cost rule). Costs are scaled by
   * {@code hi - lo} and losses by the front's loss range; a gap between neighbouring points is their
   * Euclidean distance in these units; the gaps from {@code lo} to the cheapest point and from the dearest
   * point to {@code hi} count their cost distance only. Ties go to the cheaper gap. An empty front has
   * one gap, the whole interval.
   */
  public Gap largestGap(double lo, double hi) {
    if (!(lo < hi)) {
      throw new IllegalArgumentException("largestGap needs lo < hi, got [" + lo + ", " + hi + "]");
    }
    List<double[]> in = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      if (cost(i) >= lo && cost(i) <= hi) {
        in.add(new double[] {cost(i), loss(i)});
      }
    }
    if (in.isEmpty()) {
      return new Gap(lo, hi, 1.0);
    }
    double lossRange = in.get(0)[1] - in.get(in.size() - 1)[1];
    double ls = lossRange > 0 ? lossRange : 1.0;
    double cs = hi - lo;
    Gap best = new Gap(lo, in.get(0)[0], (in.get(0)[0] - lo) / cs);
    for (int i = 1; i < in.size(); i++) {
      double size = Math.hypot((in.get(i)[0] - in.get(i - 1)[0]) / cs, (in.get(i)[1] - in.get(i - 1)[1]) / ls);
      if (size > best.size()) {
        best = new Gap(in.get(i - 1)[0], in.get(i)[0], size);
      }
    }
    double last = in.get(in.size() - 1)[0];
    if ((hi - last) / cs > best.size()) {
      best = new Gap(last, hi, (hi - last) / cs);
    }
    return best;
  }

  /** A stretch of cost between two neighbours of a front, and its size in normalised units. */
  public record Gap(double lowCost, double highCost, double size) {
    public Gap {
      if (!(lowCost <= highCost) || !(size >= 0)) {
        throw new IllegalArgumentException("gap needs lowCost <= highCost and size >= 0, got [" + lowCost + ", "
            + highCost + "], size " + size);
      }
    }
  }
}
