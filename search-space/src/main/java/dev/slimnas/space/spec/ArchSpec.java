package dev.slimnas.space.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A concrete network of the MobileNetV2 / MnasNet family: stem, stages of blocks with per-layer
 * widths, head and classifier. Immutable; the constructor enforces the shape rules (a skip only where
 * input and output shapes match (a proj, a 1x1 conv, goes anywhere), an expansion-1 block keeps its input width), naming the block and
 * the rule when one is broken.
 */
public record ArchSpec(
    String name,
    InputSpec input,
    int classes,
    Activation activation,
    StemSpec stem,
    List<StageSpec> stages,
    HeadSpec head) {

  public ArchSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(stem, "stem");
    Objects.requireNonNull(head, "head");
    Specs.require(classes >= 1, "classes must be >= 1, got " + classes);
    Specs.require(stages != null && !stages.isEmpty(), "an architecture needs at least one stage");
    stages = List.copyOf(stages);
    checkShapes(input, stem, stages);
  }

  private static void checkShapes(InputSpec input, StemSpec stem, List<StageSpec> stages) {
    int in = stem.channels();
    int index = 0;
    for (int s = 0; s < stages.size(); s++) {
      StageSpec stage = stages.get(s);
      for (int p = 0; p < stage.blocks().size(); p++) {
        BlockSpec b = stage.blocks().get(p);
        int stride = p == 0 ? stage.stride() : 1;
        String where = BlockLayout.label(index, s, p);
        if (b.op().isSkip()) {
          Specs.require(stride == 1 && in == stage.out(),
              where + ": skip needs equal input and output shapes, but stride is " + stride
                  + " and channels go " + in + " -> " + stage.out());
        } else if (b.op().expansion() == 1) {
          Specs.require(b.hidden() == in,
              where + ": expansion-1 block has no expansion conv, so hidden must equal its input width "
                  + in + ", got " + b.hidden());
        }
        in = stage.out();
        index++;
      }
    }
  }

  /** Every block in order, with its shapes. */
  public List<BlockLayout> layout() {
    List<BlockLayout> out = new ArrayList<>();
    int in = stem.channels();
    int res = BlockLayout.outResolution(input.resolution(), stem.stride());
    int index = 0;
    for (int s = 0; s < stages.size(); s++) {
      StageSpec stage = stages.get(s);
      for (int p = 0; p < stage.blocks().size(); p++) {
        BlockSpec b = stage.blocks().get(p);
        int stride = p == 0 ? stage.stride() : 1;
        int outRes = BlockLayout.outResolution(res, stride);
        boolean residual = b.op().isMBConv() && stride == 1 && in == stage.out();
        out.add(new BlockLayout(index, s, p, in, stage.out(), res, outRes, stride, b, residual));
        in = stage.out();
        res = outRes;
        index++;
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Number of blocks over all stages, skips included. */
  public int blockCount() {
    return stages.stream().mapToInt(st -> st.blocks().size()).sum();
  }

  /** Spatial size entering the head. */
  public int finalResolution() {
    int res = BlockLayout.outResolution(input.resolution(), stem.stride());
    for (StageSpec st : stages) {
      res = BlockLayout.outResolution(res, st.stride());
    }
    return res;
  }

  /** Width entering the head. */
  public int finalChannels() {
    return stages.get(stages.size() - 1).out();
  }

  /** Ops of all blocks in order, e.g. for a compact log line. */
  public List<BlockOp> ops() {
    List<BlockOp> ops = new ArrayList<>();
    stages.forEach(st -> st.blocks().forEach(b -> ops.add(b.op())));
    return List.copyOf(ops);
  }

  public ArchSpec withName(String newName) {
    return new ArchSpec(newName, input, classes, activation, stem, stages, head);
  }

  public ArchSpec withStages(List<StageSpec> newStages) {
    return new ArchSpec(name, input, classes, activation, stem, newStages, head);
  }

  public ArchSpec withStem(StemSpec newStem) {
    return new ArchSpec(name, input, classes, activation, newStem, stages, head);
  }

  public ArchSpec withHead(HeadSpec newHead) {
    return new ArchSpec(name, input, classes, activation, stem, stages, newHead);
  }

  public ArchSpec withInput(InputSpec newInput) {
    return new ArchSpec(name, newInput, classes, activation, stem, stages, head);
  }

  public ArchSpec withClasses(int newClasses) {
    return new ArchSpec(name, input, newClasses, activation, stem, stages, head);
  }
}
