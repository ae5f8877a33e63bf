package dev.slimnas.latency.profile;

import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.Activation;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.InputSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What a profile of a space must measure: the call overhead; every block position x op of the space
 * at each chosen uniform width multiplier and input resolution, with the stem and head at those
 * widths; the same for a few random architectures (random per-layer widths, every op at every
 * position, so the fit sees input, hidden and output widths that vary independently); and a few
 * random whole networks for the calibration. Parts are unique by key, in measuring order.
 */
public record ProfilePlan(List<Item> items) {

  /** One part to measure and the activation of the space it belongs to. */
  public record Item(ProfilePart part, Activation activation) {
    public Item {
      Objects.requireNonNull(part, "part");
      Objects.requireNonNull(activation, "activation");
    }
  }

  /**
   * @param multipliers uniform width multipliers (clamped into the space's range; a fixed-width space ignores them)
   * @param resolutions input resolutions; empty = the space's own
   * @param randomArchs random architectures whose every block x op is measured
   * @param networks random whole networks for the calibration
   * @param seed seed of the random architectures
   */
  public record Settings(List<Double> multipliers, List<Integer> resolutions, int randomArchs, int networks, long seed) {
    public Settings {
      multipliers = List.copyOf(multipliers);
      resolutions = List.copyOf(resolutions);
      if (multipliers.isEmpty() || randomArchs < 0 || networks < 0) {
        throw new IllegalArgumentException("plan settings: need >= 1 multiplier, randomArchs >= 0, networks >= 0");
      }
    }

    /** Multipliers 0.25, 0.5, 0.75, 1; the space's resolution; 2 random architectures; 6 networks. */
    public static Settings defaults(long seed) {
      return new Settings(List.of(0.25, 0.5, 0.75, 1.0), List.of(), 2, 6, seed);
    }
  }

  public ProfilePlan {
    Map<String, Item> unique = new LinkedHashMap<>();
    for (Item i : items) {
      unique.putIfAbsent(i.part().key(), i);
    }
    items = List.copyOf(unique.values());
  }

  /** The plan of one space. */
  public static ProfilePlan forSpace(SearchSpace space, Settings s) {
    List<Item> out = new ArrayList<>();
    Activation act = space.activation();
    out.add(new Item(new CallOverhead(1, 1), act));
    List<Integer> resolutions = s.resolutions().isEmpty() ? List.of(space.input().resolution()) : s.resolutions();
    SplittableRandom root = new SplittableRandom(s.seed());
    SplittableRandom shapes = root.split();
    SplittableRandom nets = root.split();
    for (int res : resolutions) {
      SearchSpace sp = atResolution(space, res);
      for (double m : s.multipliers()) {
        double[] w = new double[sp.widthGroups().size()];
        java.util.Arrays.fill(w, m);
        addEveryOp(out, sp, sp.decode(ArchEncoding.of(sp.encode(sp.max()).ops().toArray(), w)));
      }
      for (int i = 0; i < s.randomArchs(); i++) {
        addEveryOp(out, sp, sp.sampleUniform(shapes));
      }
    }
    for (int i = 0; i < s.networks(); i++) {
      ArchSpec a = space.sampleUniform(nets).withName(space.name() + "-calib-" + i);
      out.add(new Item(new NetworkShape(a), act));
    }
    return new ProfilePlan(out);
  }

  /** Both plans, the parts of {@code other} not already here appended. */
  public ProfilePlan plus(ProfilePlan other) {
    List<Item> all = new ArrayList<>(items);
    all.addAll(other.items());
    return new ProfilePlan(all);
  }

  public List<ProfilePart> parts() {
    return items.stream().map(Item::part).toList();
  }

  public int size() {
    return items.size();
  }

  /** The parts not yet in {@code done}. */
  public List<Item> remaining(LatencyProfile done) {
    return items.stream().filter(i -> !done.contains(i.part())).toList();
  }

  private static void addEveryOp(List<Item> out, SearchSpace space, ArchSpec widths) {
    Activation act = space.activation();
    out.add(new Item(StemShape.of(widths), act));
    ArchEncoding enc = space.encode(widths);
    List<BlockChoice> choices = space.blocks();
    for (int b = 0; b < choices.size(); b++) {
      for (int o = 0; o < choices.get(b).ops().size(); o++) {
        BlockLayout l = space.decode(enc.withOp(b, o)).layout().get(b);
        if (l.op().isProjection()) {
          throw new IllegalArgumentException(l.label() + ": space '" + space.name() + "' allows op proj (1x1 conv + BN),"
              + " which latency profiles do not measure (they measure MBConv blocks only)");
        }
        if (!l.op().isSkip()) {
          out.add(new Item(BlockShape.of(l), act));
        }
      }
    }
    out.add(new Item(HeadShape.of(widths), act));
  }

  /** The space with another input resolution. */
  static SearchSpace atResolution(SearchSpace s, int resolution) {
    if (resolution == s.input().resolution()) {
      return s;
    }
    return new SearchSpace(s.name() + "@" + resolution, s.description(), new InputSpec(resolution, s.input().channels()),
        s.classes(), s.activation(), s.stem(), s.stages(), s.head(), s.widths(), s.seRatio());
  }
}
