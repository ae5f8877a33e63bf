package dev.slimnas.space.spec;

/** The first layer: a {@code kernel x kernel} conv with {@code stride}, BN and activation. */
public record StemSpec(int kernel, int stride, int channels) {
  public StemSpec {
    Specs.require(kernel >= 1 && kernel % 2 == 1, "stem.kernel must be odd and positive, got " + kernel);
    Specs.require(stride == 1 || stride == 2, "stem.stride must be 1 or 2, got " + stride);
    Channels.check("stem.channels", channels);
  }

  public StemSpec withChannels(int c) {
    return new StemSpec(kernel, stride, c);
  }
}
