package dev.slimnas.optimizers.tabular.report;

import dev.slimnas.optimizers.tabular.search.TableProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Two-objective hypervolume on a table, normalised: score and trade-off cost are mapped to [0, 1] over the
 * feasible rows (score up, cost down, so 1 is best on both), the reference point is (0, 0), and a set's
 * hypervolume is divided by that of the true front of the feasible rows (1 = the whole true front found).
 */
public final class Hypervolume {
  private final TableProblem problem;
  private final double sMin;
  private final double sSpan;
  private final double cMax;
  private final double cSpan;
  private final double truth;
  private final int trueFrontSize;

  public Hypervolume(TableProblem problem) {
    this.problem = problem;
    int[] rows = problem.feasibleRows();
    double smin = Double.POSITIVE_INFINITY;
    double smax = Double.NEGATIVE_INFINITY;
    double cmin = Double.POSITIVE_INFINITY;
    double cmax = Double.NEGATIVE_INFINITY;
    for (int r : rows) {
      smin = Math.min(smin, problem.score(r));
      smax = Math.max(smax, problem.score(r));
      cmin = Math.min(cmin, problem.cost(r));
      cmax = Math.max(cmax, problem.cost(r));
    }
    this.sMin = smin;
    this.sSpan = smax > smin ? smax - smin : 1;
    this.cMax = cmax;
    this.cSpan = cmax > cmin ? cmax - cmin : 1;
    double[][] pts = points(rows);
    this.trueFrontSize = front(pts).size();
    this.truth = area(pts);
  }

  /** Number of points on the true front (distinct in the normalised objectives). */
  public int trueFrontSize() {
    return trueFrontSize;
  }

  /** Normalised hypervolume of the true front. */
  public double trueFront() {
    return truth;
  }

  /** Hypervolume of {@code rows} divided by that of the true front, in [0, 1]. */
  public double ratio(int[] rows) {
    return truth > 0 ? area(points(rows)) / truth : 1;
  }

  private double[][] points(int[] rows) {
    double[][] p = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      p[i] = new double[] {(problem.score(rows[i]) - sMin) / sSpan, (cMax - problem.cost(rows[i])) / cSpan};
    }
    return p;
  }

  /** Non-dominated points (both maximised), x ascending and y descending. */
  private static List<double[]> front(double[][] pts) {
    List<double[]> sorted = new ArrayList<>(List.of(pts));
    sorted.sort(Comparator.<double[]>comparingDouble(p -> -p[0]).thenComparingDouble(p -> -p[1]));
    List<double[]> out = new ArrayList<>();
    double bestY = Double.NEGATIVE_INFINITY;
    for (double[] p : sorted) {
      if (p[1] > bestY) {
        out.add(0, p);
        bestY = p[1];
      }
    }
    return out;
  }

  static double area(double[][] pts) {
    double a = 0;
    double prevX = 0;
    for (double[] p : front(pts)) {
      a += (p[0] - prevX) * p[1];
      prevX = p[0];
    }
    return a;
  }
}
