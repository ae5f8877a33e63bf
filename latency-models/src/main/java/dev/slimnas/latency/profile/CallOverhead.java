package dev.slimnas.latency.profile;

/**
 * The fixed cost of one inference call of the runtime, measured on a trivial graph with a
 * {@code channels x resolution x resolution} input. Every separately measured part contains it once,
 * so does a whole network: the predictor subtracts it from each part and adds it once per network.
 */
public record CallOverhead(int resolution, int channels) implements ProfilePart {
  public CallOverhead {
    if (resolution < 1 || channels < 1) {
      throw new IllegalArgumentException("call overhead: input sizes must be >= 1, got " + resolution + ", " + channels);
    }
  }

  @Override
  public String key() {
    return "overhead:" + resolution + "x" + resolution + "x" + channels;
  }
}
