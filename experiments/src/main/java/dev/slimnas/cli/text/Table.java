package dev.slimnas.cli.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table: a header and rows, columns padded to their widest cell, numbers right-aligned. */
public final class Table {
  private final List<String> header;
  private final boolean[] right;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(List<String> header, boolean[] right) {
    this.header = List.copyOf(header);
    this.right = right;
  }

  /**
   * A table with these column headers; a header that starts with {@code >} makes a right-aligned
   * column (the {@code >} is not printed).
   */
  public static Table of(String... columns) {
    boolean[] right = new boolean[columns.length];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      right[i] = columns[i].startsWith(">");
      names.add(right[i] ? columns[i].substring(1) : columns[i]);
    }
    return new Table(names, right);
  }

  /** Adds a row; it must have one cell per column ({@code null} prints as empty). */
  public Table row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + header.size() + " columns");
    }
    rows.add(Arrays.stream(cells).map(c -> c == null ? "" : c.toString()).toList());
    return this;
  }

  public int rowCount() {
    return rows.size();
  }

  /** The table as lines joined by newlines, with a trailing newline; trailing blanks are trimmed. */
  public String render() {
    int[] width = new int[header.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = header.get(c).length();
      for (List<String> r : rows) {
        width[c] = Math.max(width[c], r.get(c).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header, width);
    List<String> rule = new ArrayList<>();
    for (int w : width) {
      rule.add("-".repeat(w));
    }
    line(sb, rule, width);
    for (List<String> r : rows) {
      line(sb, r, width);
    }
    return sb.toString();
  }

  private void line(StringBuilder sb, List<String> cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        l.append("  ");
      }
      String s = cells.get(c);
      String pad = " ".repeat(width[c] - s.length());
      l.append(right[c] ? pad + s : s + pad);
    }
    sb.append(l.toString().stripTrailing()).append('\n');
  }

  @Override
  public String toString() {
    return render();
  }
}
