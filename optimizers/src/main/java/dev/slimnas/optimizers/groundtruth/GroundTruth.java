package dev.slimnas.optimizers.groundtruth;

import com.google.common.primitives.ImmutableDoubleArray;
import com.google.common.primitives.ImmutableIntArray;
import dev.slimnas.optimizers.tabular.BenchmarkTable;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A tabular benchmark's ground truth for the encodings of a space whose op indices are the table's
 * choices (e.g. {@code nas-bench-macro}: op index = code digit) and whose widths are fixed.
 *
 * @param column the accuracy column (e.g. {@code mean_acc}, percent)
 */
public record GroundTruth(SearchSpace space, BenchmarkTable table, String column) {
  public GroundTruth {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(table, "table");
    if (table.positions() != space.blockCount()) {
      throw new IllegalArgumentException("table " + table.name() + " has " + table.positions() + " positions, space "
          + space.name() + " " + space.blockCount() + " blocks");
    }
    for (int b = 0; b < space.blockCount(); b++) {
      if (table.cardinality(b) != space.blocks().get(b).ops().size()) {
        throw new IllegalArgumentException("position " + b + " of table " + table.name() + " has " + table.cardinality(b)
            + " choices, block " + b + " of space " + space.name() + " " + space.blocks().get(b).ops().size() + " ops");
      }
    }
    if (space.widths().min() != space.widths().max()) {
      throw new IllegalArgumentException("space " + space.name() + " searches widths; a table of op choices cannot price them");
    }
    table.values(column); // fails naming the columns when absent
  }

  /** The ground-truth accuracy of {@code e}; throws when the table lacks it. */
  public double accuracy(ArchEncoding e) {
    int row = table.row(e.ops().toArray());
    if (row < 0) {
      throw new IllegalArgumentException("table " + table.name() + " has no row for ops " + e.ops());
    }
    return table.value(column, row);
  }

  /** The table's code of {@code e}, e.g. {@code 02012100}. */
  public String code(ArchEncoding e) {
    return table.code(e.ops().toArray());
  }

  /** The encoding of table row {@code row}. */
  public ArchEncoding encoding(int row) {
    double[] w = new double[space.widthGroups().size()];
    java.util.Arrays.fill(w, space.widths().max());
    return new ArchEncoding(ImmutableIntArray.copyOf(table.choices(row)), ImmutableDoubleArray.copyOf(w));
  }

  /** Every row's encoding, in row order. */
  public List<ArchEncoding> encodings() {
    List<ArchEncoding> out = new ArrayList<>(table.size());
    for (int r = 0; r < table.size(); r++) {
      out.add(encoding(r));
    }
    return List.copyOf(out);
  }
}
