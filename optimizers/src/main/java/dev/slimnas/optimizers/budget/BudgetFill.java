package dev.slimnas.optimizers.budget;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.latency.diff.DifferentiableLatency;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The final step of a budgeted differentiable search: brings the read-out architecture into the band
 * {@code [lowerFraction * budget, budget]} by the supernet's own ranking, deterministically.
 *
 * <p>Over the budget, {@link BudgetRepair} first switches off the indicators the search was least sure
 * about. Then the fill: starting from the (repaired) hard architecture, it repeatedly makes the move whose
 * indicator the supernet ranks highest, i.e. whose margin (norm against threshold) is largest, among the
 * moves that keep the predicted latency at or under the budget, until no move fits. A move switches one
 * indicator on: keep of a skipped block (the block comes back at its smallest op, k3e3 without SE; its
 * own e6 / k5 / SE indicators are later moves of their own), e6, k5, or SE where the block has an SE
 * path; an indicator with margin {@code -infinity} never goes on (fixed blocks, forced indicators).
 * In a block whose kernel and expansion are tied (k3e3 / k5e6 only) the e6 move switches k5 on with it and
 * k5 is no move of its own. Indicators only go on, so it ends after at most four moves per block. Ties go to the lower block,
 * then to keep, e6, k5, se. The fill never exceeds the budget; when it ends under the band (no move left
 * that fits), the result says so ({@link Result#withinBand()} false, {@link Result#note()} why).
 */
public final class BudgetFill {
  private static final String[] NAMES = {"keep", "e6", "k5", "se"};
  /** Latencies within this many ms of the budget count as at the budget (rounding of table sums). */
  private static final double EPS_MS = 1e-9;

  private BudgetFill() {}

  /**
   * One move of the fill: indicator {@code indicator} of {@code block} switched on.
   *
   * @param margin the supernet's margin of the indicator (why it was chosen: the largest among the moves that fit)
   * @param fromMs predicted latency before the move
   * @param toMs after it
   */
  public record Move(int block, String indicator, double margin, double fromMs, double toMs) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "block %d: %s on (margin %.4f; %.2f -> %.2f ms)", block, indicator, margin, fromMs,
          toMs);
    }
  }

  /**
   * The architecture in the band, or as close under it as the moves allow.
   *
   * @param indicators the final indicators of every block
   * @param startMs latency of the architecture handed in (the search's read-out)
   * @param repairedMs latency after the repair (= startMs when it was within the budget)
   * @param afterMs latency of the final architecture, never above the budget
   * @param repairMoves the moves of {@link BudgetRepair}, in order (empty when within the budget)
   * @param fillMoves the fill's moves, in order
   * @param withinBand whether {@code afterMs >= lowerFraction * budgetMs}
   * @param note one line: what was done, or why the band was not reached
   */
  public record Result(List<BlockIndicators> indicators, double budgetMs, double lowerFraction, double startMs,
      double repairedMs, double afterMs, List<String> repairMoves, List<Move> fillMoves, boolean withinBand, String note) {
    public Result {
      indicators = List.copyOf(indicators);
      repairMoves = List.copyOf(repairMoves);
      fillMoves = List.copyOf(fillMoves);
    }
  }

  /**
   * Repairs (if over) and fills {@code blocks} to the band {@code [lowerFraction * budgetMs, budgetMs]}
   * under {@code latency}.
   *
   * @throws IllegalArgumentException when even the smallest architecture reachable is over the budget
   *     (from {@link BudgetRepair}, naming the budget and that latency)
   */
  public static Result fit(List<BudgetRepair.Block> blocks, DifferentiableLatency latency, double budgetMs,
      double lowerFraction) {
    if (!(budgetMs > 0) || Double.isInfinite(budgetMs)) {
      throw new IllegalArgumentException("budget must be finite and > 0, got " + budgetMs);
    }
    if (!(lowerFraction > 0 && lowerFraction <= 1)) {
      throw new IllegalArgumentException("lowerFraction must be in (0, 1], got " + lowerFraction);
    }
    BudgetRepair.Result repaired = BudgetRepair.repair(blocks, latency, budgetMs);
    List<BlockIndicators> cur = new ArrayList<>(repaired.indicators());
    double now = repaired.afterMs();
    List<Move> moves = new ArrayList<>();
    while (true) {
      int bestBlock = -1;
      int bestIndicator = -1;
      double bestMargin = Double.NEGATIVE_INFINITY;
      double bestMs = now;
      for (int b = 0; b < blocks.size(); b++) {
        for (int i = 0; i < 4; i++) {
          BlockIndicators on = switchOn(cur.get(b), i, blocks.get(b));
          double margin = blocks.get(b).margins()[i];
          if (on == null || margin == Double.NEGATIVE_INFINITY) {
            continue;
          }
          double ms = latencyWith(latency, cur, b, on);
          if (ms <= budgetMs + EPS_MS && margin > bestMargin) {
            bestMargin = margin;
            bestBlock = b;
            bestIndicator = i;
            bestMs = ms;
          }
        }
      }
      if (bestBlock < 0) {
        break;
      }
      cur.set(bestBlock, switchOn(cur.get(bestBlock), bestIndicator, blocks.get(bestBlock)));
      moves.add(new Move(bestBlock, NAMES[bestIndicator], bestMargin, now, bestMs));
      now = bestMs;
    }
    boolean within = now >= lowerFraction * budgetMs - EPS_MS;
    String note;
    if (within) {
      note = String.format(Locale.ROOT, "%.2f ms = %.1f%% of the %.2f ms budget (read-out %.2f ms; %d repair, %d fill moves)",
          now, 100 * now / budgetMs, budgetMs, repaired.beforeMs(), repaired.moves().size(), moves.size());
    } else {
      note = String.format(Locale.ROOT, "UNDER THE BAND: %.2f ms = %.1f%% of the %.2f ms budget, below %.0f%%: %s",
          now, 100 * now / budgetMs, budgetMs, 100 * lowerFraction, whyStuck(blocks, latency, cur, now, budgetMs));
    }
    return new Result(cur, budgetMs, lowerFraction, repaired.beforeMs(), repaired.afterMs(), now, repaired.moves(), moves,
        within, note);
  }

  /** Why no move fits: the cheapest remaining move and its cost, or that every indicator is on. */
  private static String whyStuck(List<BudgetRepair.Block> blocks, DifferentiableLatency latency, List<BlockIndicators> cur,
      double now, double budgetMs) {
    double cheapest = Double.POSITIVE_INFINITY;
    String which = null;
    for (int b = 0; b < blocks.size(); b++) {
      for (int i = 0; i < 4; i++) {
        BlockIndicators on = switchOn(cur.get(b), i, blocks.get(b));
        if (on != null && blocks.get(b).margins()[i] != Double.NEGATIVE_INFINITY) {
          double cost = latencyWith(latency, cur, b, on) - now;
          if (cost < cheapest) {
            cheapest = cost;
            which = "block " + b + " " + NAMES[i];
          }
        }
      }
    }
    if (which == null) {
      return "every indicator is already on (the largest architecture is under the band)";
    }
    return String.format(Locale.ROOT, "the cheapest remaining move (%s on) adds %.2f ms, %.2f ms are left", which, cheapest,
        budgetMs - now);
  }

  private static double latencyWith(DifferentiableLatency latency, List<BlockIndicators> cur, int b, BlockIndicators d) {
    List<BlockIndicators> trial = new ArrayList<>(cur);
    trial.set(b, d);
    return latency.evaluate(trial).value();
  }

  /** The indicators with number {@code i} (keep, e6, k5, se) switched on, or null if that is no move. */
  static BlockIndicators switchOn(BlockIndicators d, int i, BudgetRepair.Block block) {
    boolean kept = d.keep() > 0.5;
    if (i == 0) {
      return !kept && block.canSkip() ? new BlockIndicators(1, 0, 0, 0) : null;
    }
    if (!kept) {
      return null; // a skipped block comes back through keep first
    }
    if (block.tied() && i == 2) {
      return null; // k5 comes on with e6
    }
    switch (i) {
      case 1:
        return d.e6() < 0.5 ? new BlockIndicators(1, 1, block.tied() ? 1 : d.k5(), d.se()) : null;
      case 2:
        return d.k5() < 0.5 ? new BlockIndicators(1, d.e6(), 1, d.se()) : null;
      default:
        return d.se() < 0.5 && block.hasSe() ? new BlockIndicators(1, d.e6(), d.k5(), 1) : null;
    }
  }
}
