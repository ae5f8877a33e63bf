package dev.slimnas.optimizers.budget;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.latency.diff.DifferentiableLatency;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Brings a read-out architecture under a latency budget by switching off the indicators the search was
 * least sure about: each move (k5 -> k3, e6 -> e3, SE off, keep -> skip where allowed) saves some
 * milliseconds and gives up a margin (how far the indicator's norm was above its threshold); the move
 * with the most milliseconds per unit of margin goes first. At most one move per indicator, so it ends.
 */
public final class BudgetRepair {
  private static final double MIN_MARGIN = 1e-6;

  private BudgetRepair() {}

  /**
   * A block's indicators, the margins of keep, e6, k5, se (how far each norm is above its threshold, e.g.
   * {@code norm - threshold} or that relative to the norm; negative for an indicator that is off), whether
   * it may skip (or drop to its projection), whether it has an SE path that can be switched on, and whether
   * its kernel and expansion are one decision ({@code tied}: e6 and k5 move together, as the e6 move; k5
   * is no move of its own).
   */
  public record Block(BlockIndicators indicators, double[] margins, boolean canSkip, boolean hasSe, boolean tied) {
    public Block {
      if (margins.length != 4) {
        throw new IllegalArgumentException("margins are (keep, e6, k5, se), got " + margins.length);
      }
      margins = margins.clone();
    }

    /** A block with independent kernel and expansion. */
    public Block(BlockIndicators indicators, double[] margins, boolean canSkip, boolean hasSe) {
      this(indicators, margins, canSkip, hasSe, false);
    }

    /** A block without an SE path to switch on. */
    public Block(BlockIndicators indicators, double[] margins, boolean canSkip) {
      this(indicators, margins, canSkip, false, false);
    }

    @Override
    public double[] margins() {
      return margins.clone();
    }
  }

  /** The repaired indicators, the latency before and after, and the moves made, in order. */
  public record Result(List<BlockIndicators> indicators, double beforeMs, double afterMs, List<String> moves) {
    public Result {
      indicators = List.copyOf(indicators);
      moves = List.copyOf(moves);
    }
  }

  /**
   * Repairs {@code blocks} to {@code budgetMs} under {@code latency}; unchanged if already within.
   *
   * @throws IllegalArgumentException naming the budget and the smallest latency reachable, when no
   *     sequence of moves reaches the budget
   */
  public static Result repair(List<Block> blocks, DifferentiableLatency latency, double budgetMs) {
    List<BlockIndicators> cur = new ArrayList<>();
    blocks.forEach(b -> cur.add(b.indicators()));
    double before = latency.evaluate(cur).value();
    double now = before;
    List<String> moves = new ArrayList<>();
    while (now > budgetMs) {
      int bestBlock = -1;
      int bestIndicator = -1;
      double bestScore = 0;
      double bestMs = now;
      for (int b = 0; b < blocks.size(); b++) {
        for (int i = 0; i < 4; i++) {
          BlockIndicators off = switchOff(cur.get(b), i, blocks.get(b));
          if (off == null) {
            continue;
          }
          List<BlockIndicators> trial = new ArrayList<>(cur);
          trial.set(b, off);
          double ms = latency.evaluate(trial).value();
          double score = (now - ms) / Math.max(blocks.get(b).margins()[i], MIN_MARGIN);
          if (now - ms > 0 && score > bestScore) {
            bestScore = score;
            bestBlock = b;
            bestIndicator = i;
            bestMs = ms;
          }
        }
      }
      if (bestBlock < 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "cannot reach the latency budget of %.2f ms: the smallest architecture reachable by switching off"
                + " indicators has %.2f ms (read-out architecture: %.2f ms)", budgetMs, now, before));
      }
      cur.set(bestBlock, switchOff(cur.get(bestBlock), bestIndicator, blocks.get(bestBlock)));
      moves.add(String.format(Locale.ROOT, "block %d: %s off (%.2f -> %.2f ms)", bestBlock,
          new String[] {"keep", "e6", "k5", "se"}[bestIndicator], now, bestMs));
      now = bestMs;
    }
    return new Result(cur, before, now, moves);
  }

  /** The indicators with number {@code i} (keep, e6, k5, se) switched off, or null if not a move. */
  private static BlockIndicators switchOff(BlockIndicators d, int i, Block block) {
    if (d.keep() < 0.5) {
      return null; // a skipped block has nothing left to switch off
    }
    if (block.tied() && i == 2) {
      return null; // k5 goes off with e6
    }
    switch (i) {
      case 0:
        return block.canSkip() ? new BlockIndicators(0, 0, 0, 0) : null;
      case 1:
        return d.e6() > 0.5 ? new BlockIndicators(d.keep(), 0, block.tied() ? 0 : d.k5(), d.se()) : null;
      case 2:
        return d.k5() > 0.5 ? new BlockIndicators(d.keep(), d.e6(), 0, d.se()) : null;
      default:
        return d.se() > 0.5 ? new BlockIndicators(d.keep(), d.e6(), d.k5(), 0) : null;
    }
  }
}
