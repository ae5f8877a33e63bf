package dev.slimnas.latency.diff;

import java.util.List;

/**
 * The Single-Path NAS latency as a differentiable function of the per-block indicators
 * (Stamoulis et al., arXiv:1904.02877, eq. for R_block), with its gradient.
 *
 * <p>{@link Form#EXACT} (default): {@code R_b = keep * [(1-k5) (R[k3e3] + e6 (R[k3e6]-R[k3e3])) + k5 (R[k5e3]
 * + e6 (R[k5e6]-R[k5e3]))] + keep * se * R_se[b]}; multilinear, so it equals the table at every 0/1
 * corner. {@link Form#PAPER}: the published approximation {@code R_e = keep (R[k5e3] + e6 (R[k5e6]-R[k5e3]))},
 * {@code R_b = R_e (r + (1-r) k5)} with {@code r = R[k3e6]/R[k5e6]}, which is exact only for k5 ops and
 * for k3e6. {@code R_se[b]} is the SE path's latency per block, which the Pixel 1 tables do not have:
 * callers pass an estimate (see {@link SeEstimate}).
 *
 * <p>Both forms add {@code (1 - keep) R_skip[b]} ({@link BlockTable#skipMs}: 0 for an identity skip, the
 * projection's cost where a dropped block is a proj). A {@link BlockTable#tied tied} block (ops k3e3 and
 * k5e6 only) is priced {@code keep (R[k3e3] + e6 (R[k5e6] - R[k3e3]) + se R_se) + (1 - keep) R_skip}
 * with its whole e6/k5 derivative on e6 (exact at every 0/1 corner where e6 = k5).
 */
public final class DifferentiableLatency {
  /** Which formula. */
  public enum Form {
    EXACT,
    PAPER
  }

  /** Value and gradient: {@code grad[block][0..3]} = d/d(keep, e6, k5, se); zero rows for fixed blocks. */
  public record Evaluation(double value, double[][] grad) {
    /** log(value) and its gradient, for the loss term lambda * log(R). */
    public Evaluation log() {
      double[][] g = new double[grad.length][];
      for (int i = 0; i < g.length; i++) {
        g[i] = new double[grad[i].length];
        for (int j = 0; j < g[i].length; j++) {
          g[i][j] = grad[i][j] / value;
        }
      }
      return new Evaluation(Math.log(value), g);
    }
  }

  private final BlockTable table;
  private final double[] seMs;
  private final Form form;

  public DifferentiableLatency(BlockTable table, double[] seMs, Form form) {
    if (seMs.length != table.blockCount()) {
      throw new IllegalArgumentException("seMs needs one value per block (" + table.blockCount() + "), got " + seMs.length);
    }
    this.table = table;
    this.seMs = seMs.clone();
    this.form = form;
  }

  /** Exact form without SE costs. */
  public static DifferentiableLatency of(BlockTable table) {
    return new DifferentiableLatency(table, new double[table.blockCount()], Form.EXACT);
  }

  /** Evaluates at {@code ind} (one entry per block; entries of fixed blocks are ignored). */
  public Evaluation evaluate(List<BlockIndicators> ind) {
    if (ind.size() != table.blockCount()) {
      throw new IllegalArgumentException("need indicators for " + table.blockCount() + " blocks, got " + ind.size());
    }
    double total = table.fixedMs();
    double[][] grad = new double[ind.size()][4];
    for (int b = 0; b < ind.size(); b++) {
      if (!table.searchable(b)) {
        continue;
      }
      BlockIndicators d = ind.get(b);
      if (table.tied(b)) {
        tied(b, d, grad[b]);
        double skip = table.skipMs(b);
        total += d.keep() * grad[b][0] + (1 - d.keep()) * skip;
        grad[b][0] -= skip;
        continue;
      }
      double r33 = table.ms(b, 3, 3);
      double r36 = table.ms(b, 3, 6);
      double r53 = table.ms(b, 5, 3);
      double r56 = table.ms(b, 5, 6);
      double inner;
      double dE6;
      double dK5;
      if (form == Form.EXACT) {
        double k3 = r33 + d.e6() * (r36 - r33);
        double k5 = r53 + d.e6() * (r56 - r53);
        inner = (1 - d.k5()) * k3 + d.k5() * k5;
        dE6 = (1 - d.k5()) * (r36 - r33) + d.k5() * (r56 - r53);
        dK5 = k5 - k3;
      } else {
        double re = r53 + d.e6() * (r56 - r53);
        double ratio = r36 / r56;
        double f = ratio + (1 - ratio) * d.k5();
        inner = re * f;
        dE6 = (r56 - r53) * f;
        dK5 = re * (1 - ratio);
      }
      double se = seMs[b];
      total += d.keep() * (inner + d.se() * se);
      grad[b][0] = inner + d.se() * se;
      double skip = table.skipMs(b);
      if (skip != 0) {
        total += (1 - d.keep()) * skip;
        grad[b][0] -= skip;
      }
      grad[b][1] = d.keep() * dE6;
      grad[b][2] = d.keep() * dK5;
      grad[b][3] = d.keep() * se;
    }
    return new Evaluation(total, grad);
  }

  /**
   * A tied block (kernel and expansion one decision v = e6, see {@link BlockTable#tied}):
   * {@code R_b = keep (R[k3e3] + v (R[k5e6] - R[k3e3]) + se R_se) + (1 - keep) R_skip}. The whole
   * derivative by v is reported on e6 and 0 on k5 (the supernet's tied indicator adds the two).
   * Writes {@code g}, with the kept block's cost in {@code g[0]} (the caller subtracts R_skip).
   */
  private void tied(int b, BlockIndicators d, double[] g) {
    double r33 = table.ms(b, 3, 3);
    double r56 = table.ms(b, 5, 6);
    double inner = r33 + d.e6() * (r56 - r33) + d.se() * seMs[b];
    g[0] = inner;
    g[1] = d.keep() * (r56 - r33);
    g[2] = 0;
    g[3] = d.keep() * seMs[b];
  }
}
