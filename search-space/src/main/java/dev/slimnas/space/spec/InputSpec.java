package dev.slimnas.space.spec;

/** The network input: square images of {@code resolution} pixels with {@code channels} channels. */
public record InputSpec(int resolution, int channels) {
  /** The largest input resolution a spec may name (pixels per side). */
  public static final int MAX_RESOLUTION = 8192;

  public InputSpec {
    Specs.require(resolution >= 1 && resolution <= MAX_RESOLUTION,
        "input.resolution must be in 1.." + MAX_RESOLUTION + ", got " + resolution);
    Channels.check("input.channels", channels);
  }
}
