package dev.slimnas.supernet.net;

import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * What training a network will ask of memory, checked before anything is allocated: a network of
 * absurd size (a channel count of 1e9, say) must be refused with the estimate and the limit, not crash
 * the JVM in a native allocation.
 *
 * <p>The estimate (bytes, an order of magnitude, not an exact count): parameters times four (weights,
 * gradients and up to two updater states), plus, per image of a batch, every conv output of the network
 * (per block the expansion, depthwise and projection outputs; stem and head) times four (conv output, BN
 * output, activation, and the gradient flowing back). ND4J keeps all of it off the Java heap, so the limit
 * is JavaCPP's physical-memory limit ({@code -Dorg.bytedeco.javacpp.maxPhysicalBytes}) where set, else the
 * machine's memory.
 *
 * @param parameters exact parameter count ({@link CostModel})
 * @param activationsPerImage conv output elements of one image's forward pass
 * @param bytesPerValue 4 for float, 8 for double
 */
public record MemoryEstimate(long parameters, long activationsPerImage, int bytesPerValue) {
  static final int PARAMETER_COPIES = 4;
  static final int ACTIVATION_COPIES = 4;

  public static MemoryEstimate of(ArchSpec arch, int bytesPerValue) {
    long params = CostModel.of(arch).params();
    long r0 = BlockLayout.outResolution(arch.input().resolution(), arch.stem().stride());
    double acts = (double) arch.stem().channels() * r0 * r0;
    for (BlockLayout b : arch.layout()) {
      if (b.op().isSkip()) {
        continue;
      }
      long in = (long) b.inResolution() * b.inResolution();
      long out = (long) b.outResolution() * b.outResolution();
      acts += (double) b.spec().hidden() * (in + out) + (double) b.outChannels() * out;
    }
    long f = arch.finalResolution();
    acts += (double) arch.head().channels() * f * f;
    return new MemoryEstimate(params, acts >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) acts, bytesPerValue);
  }

  /** Estimated bytes to train with batches of {@code batch} images (saturates instead of overflowing). */
  public double trainingBytes(int batch) {
    return (double) parameters * PARAMETER_COPIES * bytesPerValue
        + (double) activationsPerImage * ACTIVATION_COPIES * bytesPerValue * batch;
  }

  /** Bytes ND4J may use here: JavaCPP's limit where set, else the machine's physical memory. */
  public static long limitBytes() {
    long max = Pointer.maxPhysicalBytes();
    long total = Pointer.totalPhysicalBytes();
    if (max > 0 && total > 0) {
      return Math.min(max, total);
    }
    return max > 0 ? max : total > 0 ? total : Long.MAX_VALUE;
  }

  /** Refuses {@code arch} when training it with {@code batch} images would exceed {@code limitBytes}. */
  public static void check(ArchSpec arch, int batch, int bytesPerValue, long limitBytes) {
    MemoryEstimate e = of(arch, bytesPerValue);
    double need = e.trainingBytes(batch);
    if (need > limitBytes) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "architecture '%s' is too large to train here: %,d parameters and %,d activations per image need about %s for"
              + " batches of %d, but %s is available (the machine's memory or -Dorg.bytedeco.javacpp.maxPhysicalBytes);"
              + " use a smaller network or batch", arch.name(), e.parameters(), e.activationsPerImage(), bytes(need), batch,
          bytes(limitBytes)));
    }
  }

  static String bytes(double b) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (b >= 1024 && u < units.length - 1) {
      b /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, b >= 1e4 ? "%.3g %s" : "%.1f %s", b, units[u]);
  }
}
