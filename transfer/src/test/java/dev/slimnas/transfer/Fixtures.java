package dev.slimnas.transfer;

import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.transfer.overhead.Schedule;
import dev.slimnas.transfer.proxy.ProxyResult;
import dev.slimnas.transfer.proxy.ProxySpec;
import dev.slimnas.transfer.targets.Targets;
import java.util.function.IntToDoubleFunction;

/** Networks shared by the tests. */
public final class Fixtures {
  private Fixtures() {}

  /** The CIFAR-scale space. */
  public static SearchSpace cifar() {
    return SearchSpaces.singlePathNasCifar();
  }

  /** The Single-Path NAS final network at CIFAR scale (has a skip, an expansion-1 block, e3 and e6 blocks). */
  public static ArchSpec cifarNet() {
    return ReferenceNetworks.singlePathNasFinalCifar();
  }

  /** {@code arch} (an architecture of {@code space}) with width group {@code g} at multiplier {@code m.applyAsDouble(g)}. */
  public static ArchSpec withMultipliers(SearchSpace space, ArchSpec arch, IntToDoubleFunction m) {
    ArchEncoding e = space.encode(arch);
    for (int g = 0; g < e.widths().length(); g++) {
      e = e.withWidth(g, m.applyAsDouble(g));
    }
    return space.decode(e).withName(arch.name() + "-optimized");
  }

  /** A slimmed CIFAR network: multipliers cycling through 1.0, 0.75, 0.5, 0.25 over the width groups. */
  public static ArchSpec slimmedCifarNet() {
    double[] m = {1.0, 0.75, 0.5, 0.25};
    return withMultipliers(cifar(), cifarNet(), g -> m[g % m.length]);
  }

  /** A space with {@code factor} times the blocks per stage (single-block stages stay), widths scaled. */
  public static SearchSpace deeper(SearchSpace space, int factor, double widthMultiplier) {
    return Targets.deeper(space, factor).withName(space.name() + "-x" + factor).scaled(widthMultiplier);
  }

  /** A proxy result for a baseline and an optimised network. */
  public static ProxyResult result(ProxySpec spec, ArchSpec baseline, ArchSpec optimized) {
    return new ProxyResult(spec, baseline, optimized, "test", new Schedule(Math.round(50_000 * spec.imageFraction()), 10));
  }
}
