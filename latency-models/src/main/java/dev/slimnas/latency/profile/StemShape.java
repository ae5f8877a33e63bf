package dev.slimnas.latency.profile;

import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;

/** The stem: a {@code kernel x kernel} conv with BN and activation on the network input. */
public record StemShape(int resolution, int inChannels, int kernel, int stride, int outChannels) implements ProfilePart {
  public StemShape {
    if (resolution < 1 || inChannels < 1 || outChannels < 1 || kernel < 1 || kernel % 2 == 0 || (stride != 1 && stride != 2)) {
      throw new IllegalArgumentException("stem shape: need resolution, channels >= 1, odd kernel, stride 1 or 2; got "
          + resolution + "x" + resolution + "x" + inChannels + " k" + kernel + " s" + stride + " -> " + outChannels);
    }
  }

  public static StemShape of(ArchSpec a) {
    return new StemShape(a.input().resolution(), a.input().channels(), a.stem().kernel(), a.stem().stride(), a.stem().channels());
  }

  public int outResolution() {
    return BlockLayout.outResolution(resolution, stride);
  }

  @Override
  public String key() {
    return "stem:" + resolution + "x" + resolution + "x" + inChannels + ":k" + kernel + "/s" + stride + "->" + outChannels;
  }
}
