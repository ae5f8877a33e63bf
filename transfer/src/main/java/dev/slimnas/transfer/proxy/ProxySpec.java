package dev.slimnas.transfer.proxy;

import java.util.Locale;
import java.util.Objects;

/**
 * How a cheap proxy is made from a target network (width transfer, arXiv:2104.13255): fewer blocks per
 * stage, a smaller initial width, a lower input resolution and a fraction of the training images, in any
 * combination. {@link #identity()} changes nothing. JSON schema {@code slimnas.proxy}, see
 * {@code dev.slimnas.transfer.io.TransferFiles}.
 *
 * @param depth blocks each stage keeps (the first ones)
 * @param widthMultiplier scales every base width, rounded by the divisor rule; in (0, 1]
 * @param resolutionScale proxy input resolution = {@code max(1, round(target resolution * scale))}; in (0, 1]
 * @param imageFraction fraction of the training images the proxy's width optimisation sees; in (0, 1]
 */
public record ProxySpec(Depth depth, double widthMultiplier, double resolutionScale, double imageFraction) {
  public ProxySpec {
    Objects.requireNonNull(depth, "depth");
    requireFraction("widthMultiplier", widthMultiplier);
    requireFraction("resolutionScale", resolutionScale);
    requireFraction("imageFraction", imageFraction);
  }

  /** The proxy that is the target itself. */
  public static ProxySpec identity() {
    return new ProxySpec(Depth.full(), 1.0, 1.0, 1.0);
  }

  public ProxySpec withDepth(Depth d) {
    return new ProxySpec(d, widthMultiplier, resolutionScale, imageFraction);
  }

  public ProxySpec withWidthMultiplier(double m) {
    return new ProxySpec(depth, m, resolutionScale, imageFraction);
  }

  public ProxySpec withResolutionScale(double s) {
    return new ProxySpec(depth, widthMultiplier, s, imageFraction);
  }

  public ProxySpec withImageFraction(double f) {
    return new ProxySpec(depth, widthMultiplier, resolutionScale, f);
  }

  /** Proxy input resolution for a target resolution. */
  public int resolution(int targetResolution) {
    return (int) Math.max(1, Math.round(targetResolution * resolutionScale));
  }

  /** Images per epoch of the proxy for a target with {@code targetImages} per epoch (at least 1). */
  public long images(long targetImages) {
    return Math.max(1, Math.round(targetImages * imageFraction));
  }

  /** Short code for names and logs, e.g. {@code d0.5-w0.5-r1-i0.25}. */
  public String code() {
    return depth.code() + "-w" + number(widthMultiplier) + "-r" + number(resolutionScale) + "-i" + number(imageFraction);
  }

  /** A number for codes and names: integers without a decimal point, others as Java prints them. */
  public static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
  }

  private static void requireFraction(String field, double v) {
    if (!(v > 0 && v <= 1)) {
      throw new IllegalArgumentException(field + " must be in (0, 1], got " + v);
    }
  }
}
