package dev.slimnas.cli.space;

import dev.slimnas.cli.text.Table;
import dev.slimnas.cli.text.Units;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.StageChoice;
import dev.slimnas.space.search.WidthGroup;
import dev.slimnas.space.search.WidthRange;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The plain-text summary of a search space printed by {@code slimnas space show}. */
final class SpaceText {
  private SpaceText() {}

  static String widths(WidthRange w) {
    return w.isFixed() ? "fixed" : Units.multiplier(w.min()) + ".." + Units.multiplier(w.max());
  }

  static String summary(SearchSpace s) {
    StringBuilder sb = new StringBuilder();
    Table h = Table.of("", "");
    h.row("space", s.name());
    h.row("description", s.description());
    h.row("input", s.input().resolution() + "x" + s.input().resolution() + "x" + s.input().channels()
        + ", " + s.classes() + " classes, activation " + s.activation().name().toLowerCase(Locale.ROOT));
    h.row("stem", s.stem().kernel() + "x" + s.stem().kernel() + " conv, stride " + s.stem().stride()
        + ", base " + s.stem().channels() + " channels");
    h.row("head", "1x1 conv to base " + s.head().channels() + " channels, dropout " + s.head().dropout()
        + ", classifier to " + s.classes());
    h.row("widths", (s.widths().isFixed() ? "fixed at the base widths" : "every width group "
        + widths(s.widths()) + " of its base") + ", channels divisible by " + s.widths().divisor());
    h.row("SE ratio", s.seRatio() + " of the block input width (for ops with +se)");
    h.row("blocks", s.blockCount() + " in " + s.stages().size() + " stages, " + s.searchableBlocks().size()
        + " searchable; " + combinations(s) + " op combinations");
    h.row("width groups", s.widthGroups().size());
    // header table without its header lines
    h.render().lines().skip(2).forEach(l -> sb.append(l).append('\n'));
    sb.append('\n').append(blocks(s)).append('\n').append(groups(s));
    return sb.toString();
  }

  private static String combinations(SearchSpace s) {
    BigInteger n = BigInteger.ONE;
    for (BlockChoice b : s.blocks()) {
      n = n.multiply(BigInteger.valueOf(b.ops().size()));
    }
    return n.compareTo(BigInteger.valueOf(1_000_000)) < 0 ? n.toString()
        : String.format(Locale.ROOT, "%.2e", n.doubleValue());
  }

  private static String blocks(SearchSpace s) {
    Table t = Table.of(">BLOCK", ">STAGE", ">POS", ">STRIDE", ">RES", ">OUT", ">HIDDEN", "OPS");
    int res = BlockLayout.outResolution(s.input().resolution(), s.stem().stride());
    int inBase = s.stem().channels();
    int index = 0;
    WidthRange w = s.widths();
    for (int st = 0; st < s.stages().size(); st++) {
      StageChoice stage = s.stages().get(st);
      for (int p = 0; p < stage.blocks().size(); p++) {
        BlockChoice b = stage.blocks().get(p);
        int stride = p == 0 ? stage.stride() : 1;
        int outRes = BlockLayout.outResolution(res, stride);
        t.row(index, st, p, stride, res + "->" + outRes, range(w.minChannels(stage.out()), w.maxChannels(stage.out())),
            hidden(w, inBase, b), b.ops().stream().map(BlockOp::code).collect(Collectors.joining(" ")));
        res = outRes;
        inBase = stage.out();
        index++;
      }
    }
    return t.render();
  }

  private static String hidden(WidthRange w, int inBase, BlockChoice b) {
    List<Integer> exps = b.ops().stream().filter(BlockOp::isMBConv).map(BlockOp::expansion).distinct().sorted().toList();
    if (exps.isEmpty()) {
      return "-";
    }
    if (exps.size() == 1 && exps.get(0) == 1) {
      return "=in";
    }
    int lo = exps.get(0) == 1 ? w.minChannels(inBase) : w.minChannels(inBase * exps.get(0));
    int hi = w.maxChannels(inBase * exps.get(exps.size() - 1));
    return range(lo, hi);
  }

  private static String groups(SearchSpace s) {
    Table t = Table.of(">GROUP", "NAME", "KIND", ">BASE", ">CHANNELS");
    List<BlockChoice> blocks = s.blocks();
    WidthRange w = s.widths();
    for (WidthGroup g : s.widthGroups()) {
      String base = Integer.toString(g.base());
      String channels = range(w.minChannels(g.base()), w.maxChannels(g.base()));
      if (g.kind() == WidthGroup.Kind.HIDDEN) {
        List<Integer> exps = blocks.get(g.block()).ops().stream().filter(o -> o.expansion() > 1)
            .map(BlockOp::expansion).distinct().sorted().toList();
        base = g.base() + " x " + exps.stream().map(String::valueOf).collect(Collectors.joining("|"));
        channels = range(w.minChannels(g.base(exps.get(0))), w.maxChannels(g.base(exps.get(exps.size() - 1))));
      }
      t.row(g.index(), g.name(), g.kind().name().toLowerCase(Locale.ROOT), base, channels);
    }
    return t.render();
  }

  private static String range(int lo, int hi) {
    return lo == hi ? Integer.toString(lo) : lo + ".." + hi;
  }
}
