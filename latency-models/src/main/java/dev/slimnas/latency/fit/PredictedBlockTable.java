package dev.slimnas.latency.fit;

import dev.slimnas.latency.diff.BlockTable;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link BlockTable} for {@link dev.slimnas.latency.diff.DifferentiableLatency} from a
 * {@link WidthAwarePredictor}, at any widths: the latency of every op of every searchable block of a
 * space, with the widths (stage widths and per-block hidden multipliers) of one architecture of that
 * space. Hidden widths of other ops follow the space's rule (the block's hidden multiplier times the
 * op's expansion; a block skipped in the width architecture is priced at hidden multiplier 1).
 * Fixed blocks, stem, head, call overhead and the calibration offset are in {@link #fixedMs()}; every
 * value carries the calibration scale, so a corner of the table sums to {@code predictor.predict}.
 */
public final class PredictedBlockTable implements BlockTable {
  private final double fixed;
  private final boolean[] searchable;
  private final List<Map<BlockOp, Double>> ms;

  private PredictedBlockTable(double fixed, boolean[] searchable, List<Map<BlockOp, Double>> ms) {
    this.fixed = fixed;
    this.searchable = searchable;
    this.ms = ms;
  }

  static PredictedBlockTable of(WidthAwarePredictor p, SearchSpace space, ArchSpec widths) {
    ArchEncoding enc = space.encode(widths);
    List<BlockChoice> choices = space.blocks();
    List<BlockLayout> layout = widths.layout();
    double scale = p.calibrationFor(widths.input().resolution()).scale();
    var br = p.breakdown(widths);
    double fixed = br.fixed();
    boolean[] searchable = new boolean[choices.size()];
    List<Map<BlockOp, Double>> ms = new java.util.ArrayList<>();
    for (int b = 0; b < choices.size(); b++) {
      BlockChoice c = choices.get(b);
      searchable[b] = c.searchable();
      Map<BlockOp, Double> m = new HashMap<>();
      if (!searchable[b]) {
        fixed += br.blocks().get(b);
      } else {
        for (int o = 0; o < c.ops().size(); o++) {
          BlockOp op = c.ops().get(o);
          if (!op.isSkip()) {
            BlockLayout l = space.decode(enc.withOp(b, o)).layout().get(b);
            m.put(op, scale * p.blockMs(l));
          }
        }
      }
      ms.add(Map.copyOf(m));
    }
    if (layout.size() != choices.size()) {
      throw new IllegalStateException("architecture has " + layout.size() + " blocks, space " + choices.size());
    }
    return new PredictedBlockTable(fixed, searchable, List.copyOf(ms));
  }

  @Override
  public int blockCount() {
    return searchable.length;
  }

  @Override
  public double fixedMs() {
    return fixed;
  }

  @Override
  public double ms(int block, int kernel, int expansion) {
    return ms(block, BlockOp.mbconv(kernel, expansion));
  }

  /** Latency of a searchable block with any op of its choice set (SE ops included). */
  public double ms(int block, BlockOp op) {
    Double v = ms.get(block).get(op);
    if (v == null) {
      throw new IllegalArgumentException("block " + block + (searchable[block] ? " has no op " + op.code() + " in its choice set"
          : " is not searchable (it is in the fixed part)"));
    }
    return v;
  }

  @Override
  public boolean searchable(int block) {
    return searchable[block];
  }

  /**
   * Per block, the cost of adding squeeze-and-excitation to its largest non-SE op (0 for fixed blocks
   * and blocks without an SE choice): the {@code seMs} argument of DifferentiableLatency, measured
   * instead of estimated when the profile has SE entries.
   */
  public double[] seMs() {
    double[] out = new double[searchable.length];
    for (int b = 0; b < out.length; b++) {
      BlockOp largest = null;
      for (BlockOp op : ms.get(b).keySet()) {
        if (!op.se() && (largest == null || BlockChoice.BY_SIZE.compare(op, largest) > 0)) {
          largest = op;
        }
      }
      if (largest != null) {
        Double withSe = ms.get(b).get(BlockOp.mbconv(largest.kernel(), largest.expansion(), true));
        out[b] = withSe == null ? 0 : withSe - ms.get(b).get(largest);
      }
    }
    return out;
  }
}
