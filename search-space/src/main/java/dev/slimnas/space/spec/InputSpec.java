package dev.slimnas.space.spec;

/** The network input: square images of {@code resolution} pixels with {@code channels} channels. */
public record InputSpec(int resolution, int channels) {
  public InputSpec {
    Specs.require(resolution >= 1, "input.resolution must be >= 1, got " + resolution);
    Specs.require(channels >= 1, "input.channels must be >= 1, got " + channels);
  }
}
