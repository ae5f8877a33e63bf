package dev.slimnas.cli.experiment;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.latency.diff.DifferentiableLatency;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.supernet.search.Readout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Random and uniform architectures to compare a searched one with, priced by the search's latency model. */
final class Baselines {
  private static final List<BlockOp> UNIFORM_OPS =
      List.of(BlockOp.mbconv(3, 3), BlockOp.mbconv(3, 6), BlockOp.mbconv(5, 3), BlockOp.mbconv(5, 6));

  private final SearchSpace deployment;
  private final DifferentiableLatency latency;

  Baselines(SearchSpace deployment, DifferentiableLatency latency) {
    this.deployment = deployment;
    this.latency = latency;
  }

  double latencyOf(List<String> ops) {
    List<BlockIndicators> ind = new ArrayList<>();
    for (String code : ops) {
      ind.add(Readout.indicators(BlockOp.parse(code)));
    }
    return latency.evaluate(ind).value();
  }

  /**
   * A random architecture (ops only) whose latency is within {@code tolerance} (relative) of
   * {@code targetMs}: a uniform sample, then random single-block moves (a random searchable block gets a
   * random op that is smaller while the network is too slow, larger while it is too fast) until it lands
   * in the band. Uniform samples alone almost never reach the small latencies a search finds (the 50 ms
   * search found 32.5 ms; the closest of 200,000 uniform samples was 45.6 ms). Falls back to the closest
   * architecture seen after 10,000 moves.
   */
  List<String> randomAt(double targetMs, double tolerance, long seed) {
    return randomAt(targetMs, tolerance, Double.POSITIVE_INFINITY, seed);
  }

  /**
   * As {@link #randomAt(double, double, long)}, never above {@code ceilingMs} (the budget): a searched
   * network that sits at its budget must not be compared with a random one over it.
   */
  List<String> randomAt(double targetMs, double tolerance, double ceilingMs, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<BlockChoice> blocks = deployment.blocks();
    List<String> ops = new ArrayList<>();
    for (BlockChoice c : blocks) {
      ops.add(c.ops().get(rng.nextInt(c.ops().size())).code());
    }
    List<Integer> searchable = deployment.searchableBlocks();
    List<String> best = List.copyOf(ops);
    double bestGap = gap(latencyOf(ops), targetMs, ceilingMs);
    for (int move = 0; move < 10_000 && bestGap > tolerance; move++) {
      boolean tooSlow = latencyOf(ops) > targetMs;
      int b = searchable.get(rng.nextInt(searchable.size()));
      BlockOp now = BlockOp.parse(ops.get(b));
      List<BlockOp> candidates = new ArrayList<>();
      for (BlockOp op : blocks.get(b).ops()) {
        int cmp = BlockChoice.BY_SIZE.compare(op, now);
        if (tooSlow ? cmp < 0 : cmp > 0) {
          candidates.add(op);
        }
      }
      if (candidates.isEmpty()) {
        continue;
      }
      ops.set(b, candidates.get(rng.nextInt(candidates.size())).code());
      double gap = gap(latencyOf(ops), targetMs, ceilingMs);
      if (gap < bestGap) {
        bestGap = gap;
        best = List.copyOf(ops);
      }
    }
    return best;
  }

  /** Relative distance of {@code ms} to the target; infinite above the ceiling (never chosen). */
  private static double gap(double ms, double targetMs, double ceilingMs) {
    return ms > ceilingMs ? Double.POSITIVE_INFINITY : Math.abs(ms / targetMs - 1);
  }

  /**
   * The MobileNetV2-style uniform networks: every searchable block the same op (k3e3, k3e6, k5e3 or k5e6),
   * with the last {@code 0..3} skippable blocks of every stage skipped (fewer layers per stage), named like
   * {@code uniform-k3e6-d2}.
   */
  List<Candidate> uniformFamily() {
    ArchSpec max = deployment.max();
    List<Candidate> out = new ArrayList<>();
    for (BlockOp op : UNIFORM_OPS) {
      for (int drop = 0; drop <= 3; drop++) {
        List<String> ops = new ArrayList<>();
        for (BlockLayout b : max.layout()) {
          BlockChoice c = deployment.blocks().get(b.index());
          if (!c.searchable()) {
            ops.add(c.ops().get(0).code());
            continue;
          }
          int blocksInStage = (int) max.layout().stream().filter(x -> x.stage() == b.stage()).count();
          boolean skip = c.ops().contains(BlockOp.SKIP) && b.position() >= blocksInStage - drop;
          ops.add(skip ? BlockOp.SKIP.code() : op.code());
        }
        String name = String.format(Locale.ROOT, "uniform-%s-d%d", op.code(), drop);
        out.add(new Candidate(name, "uniform", 0, ops, latencyOf(ops)));
      }
    }
    return out;
  }

  /** The slowest uniform network at or under {@code budgetMs} (null if none fits). */
  static Candidate largestUnder(List<Candidate> family, double budgetMs) {
    Candidate best = null;
    for (Candidate c : family) {
      if (c.latencyMs() <= budgetMs && (best == null || c.latencyMs() > best.latencyMs())) {
        best = c;
      }
    }
    return best == null ? null : new Candidate(best.name(), best.kind(), budgetMs, best.ops(), best.latencyMs());
  }
}
