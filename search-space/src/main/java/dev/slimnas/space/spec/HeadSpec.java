package dev.slimnas.space.spec;

/**
 * The end of the network: a 1x1 conv to {@code channels} (BN, activation), global average pooling,
 * dropout with rate {@code dropout} during training, and the linear classifier.
 */
public record HeadSpec(int channels, double dropout) {
  public HeadSpec {
    Channels.check("head.channels", channels);
    Specs.require(dropout >= 0 && dropout < 1, "head.dropout must be in [0, 1), got " + dropout);
  }

  public HeadSpec withChannels(int c) {
    return new HeadSpec(c, dropout);
  }
}
