package dev.slimnas.space.search;

import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import java.util.ArrayList;
import java.util.List;

/** Lists the rules of a space an architecture breaks, each naming the block (or part) and the rule. */
final class SpaceValidator {
  private SpaceValidator() {}

  static List<String> violations(SearchSpace space, ArchSpec arch) {
    List<String> v = new ArrayList<>();
    if (!arch.input().equals(space.input())) {
      v.add("input must be " + space.input() + ", got " + arch.input());
    }
    if (arch.classes() != space.classes()) {
      v.add("classes must be " + space.classes() + ", got " + arch.classes());
    }
    if (arch.activation() != space.activation()) {
      v.add("activation must be " + space.activation().code() + ", got " + arch.activation().code());
    }
    if (arch.stem().kernel() != space.stem().kernel() || arch.stem().stride() != space.stem().stride()) {
      v.add("stem must be " + space.stem().kernel() + "x" + space.stem().kernel() + " stride " + space.stem().stride());
    }
    WidthRange w = space.widths();
    checkWidth(v, "stem channels", w, space.stem().channels(), arch.stem().channels());
    checkWidth(v, "head channels", w, space.head().channels(), arch.head().channels());
    if (arch.stages().size() != space.stages().size()) {
      v.add("the space has " + space.stages().size() + " stages, the architecture " + arch.stages().size());
      return v;
    }
    int baseIn = space.stem().channels();
    for (int s = 0; s < space.stages().size(); s++) {
      StageChoice sc = space.stages().get(s);
      var st = arch.stages().get(s);
      if (st.blocks().size() != sc.blocks().size()) {
        v.add("stage " + s + " must have " + sc.blocks().size() + " blocks, got " + st.blocks().size());
        return v;
      }
      if (st.stride() != sc.stride()) {
        v.add("stage " + s + " must have stride " + sc.stride() + ", got " + st.stride());
      }
      checkWidth(v, "stage " + s + " out channels", w, sc.out(), st.out());
      baseIn = checkBlocks(space, arch, s, baseIn, v);
    }
    return v;
  }

  private static int checkBlocks(SearchSpace space, ArchSpec arch, int s, int baseIn, List<String> v) {
    WidthRange w = space.widths();
    StageChoice sc = space.stages().get(s);
    for (BlockLayout b : arch.layout()) {
      if (b.stage() != s) {
        continue;
      }
      BlockChoice choice = sc.blocks().get(b.position());
      BlockOp op = b.op();
      if (!choice.ops().contains(op)) {
        v.add(b.label() + ": op " + op.code() + " is not in the allowed set " + codes(choice.ops()));
      } else if (op.isMBConv()) {
        if (op.expansion() > 1) {
          checkWidth(v, b.label() + " hidden channels (" + op.code() + ")", w, baseIn * op.expansion(), b.spec().hidden());
        }
        if (op.se() && b.spec().se() != space.seChannels(b.inChannels())) {
          v.add(b.label() + ": SE width must be makeDivisible(" + b.inChannels() + " x " + space.seRatio() + ") = "
              + space.seChannels(b.inChannels()) + ", got " + b.spec().se());
        }
      }
      baseIn = sc.out();
    }
    return baseIn;
  }

  private static void checkWidth(List<String> v, String what, WidthRange w, int base, int actual) {
    if (!w.allows(base, actual)) {
      v.add(what + ": " + actual + " is outside the allowed widths " + describe(w, base));
    }
  }

  private static String describe(WidthRange w, int base) {
    int lo = w.minChannels(base);
    int hi = w.maxChannels(base);
    return lo == hi ? "{" + lo + "}" : "[" + lo + ", " + hi + "] in steps of " + w.divisor()
        + " (base " + base + " x [" + w.min() + ", " + w.max() + "])";
  }

  private static List<String> codes(List<BlockOp> ops) {
    return ops.stream().map(BlockOp::code).toList();
  }
}
