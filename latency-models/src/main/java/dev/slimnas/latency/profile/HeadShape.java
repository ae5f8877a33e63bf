package dev.slimnas.latency.profile;

import dev.slimnas.space.spec.ArchSpec;

/**
 * Everything after the last block: the 1x1 head conv ({@code inChannels -> channels}, BN, activation)
 * at {@code resolution}, global average pooling and the classifier to {@code classes}.
 */
public record HeadShape(int resolution, int inChannels, int channels, int classes) implements ProfilePart {
  public HeadShape {
    if (resolution < 1 || inChannels < 1 || channels < 1 || classes < 1) {
      throw new IllegalArgumentException("head shape: every size must be >= 1, got " + resolution + "x" + resolution + "x"
          + inChannels + " -> " + channels + " -> " + classes);
    }
  }

  public static HeadShape of(ArchSpec a) {
    return new HeadShape(a.finalResolution(), a.finalChannels(), a.head().channels(), a.classes());
  }

  @Override
  public String key() {
    return "head:" + resolution + "x" + resolution + "x" + inChannels + "->" + channels + "->" + classes;
  }
}
