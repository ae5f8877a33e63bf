package dev.slimnas.latency.lut;

import dev.slimnas.latency.LatencyBreakdown;
import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;

/**
 * Prints the final Single-Path NAS network priced by both Pixel 1 tables, per stage, so the difference
 * between the tables can be read off. Run: {@code ./slimnas latency compare} or this main class.
 */
public final class TableComparison {
  private TableComparison() {}

  public static String report() {
    ArchSpec a = ReferenceNetworks.singlePathNasFinal();
    SinglePathTable sp = SinglePathTable.load();
    ProxylessTable px = ProxylessTable.load();
    LatencyBreakdown bs = sp.breakdown(a);
    LatencyBreakdown bp = px.breakdown(a);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-28s %12s %12s %8s%n", "part of " + a.name(), "singlepath", "proxylessnas", "ratio"));
    double fixedBlocksP = bp.blocks().get(0) + bp.blocks().get(21);
    sb.append(row("stem+head+classifier+blocks 0,21", bs.fixed(), bp.fixed() + fixedBlocksP));
    for (int s = 1; s <= 5; s++) {
      double x = 0;
      double y = 0;
      for (BlockLayout b : a.layout()) {
        if (b.stage() == s) {
          x += bs.blocks().get(b.index());
          y += bp.blocks().get(b.index());
        }
      }
      sb.append(row("stage " + s + " (blocks " + (4 * s - 3) + "-" + (4 * s) + ")", x, y));
    }
    sb.append(row("total", bs.total(), bp.total()));
    sb.append(String.format("measured on the Pixel 1 (Single-Path NAS paper): 79.48 ms%n"));
    return sb.toString();
  }

  private static String row(String name, double x, double y) {
    return String.format("%-28s %9.2f ms %9.2f ms %8.3f%n", name, x, y, y / x);
  }

  public static void main(String[] args) {
    System.out.print(report());
  }
}
