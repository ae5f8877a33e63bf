package dev.slimnas.space.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operation of one block: an inverted-residual MBConv block, an identity skip, or a projection
 * (the "identity" of a block whose stride or width changes: a 1x1 conv at the block's stride + BN).
 *
 * <p>In JSON an op is its short code: {@code "k3e6"}, {@code "k5e3+se"}, {@code "skip"}, {@code "proj"}.
 */
public sealed interface BlockOp permits BlockOp.MBConv, BlockOp.Skip, BlockOp.Projection {

  /** Short code used in JSON, tables and logs, e.g. {@code k5e6+se}. */
  @JsonValue
  String code();

  /** True for the identity op. */
  boolean isSkip();

  /** True for the projection op (1x1 conv + BN, no activation, no residual). */
  default boolean isProjection() {
    return false;
  }

  /** True for an MBConv block (the only op with a hidden width, a depthwise conv and a residual). */
  default boolean isMBConv() {
    return !isSkip() && !isProjection();
  }

  /** Depthwise kernel size, 0 for skip and proj (they have no depthwise conv). */
  int kernel();

  /** Expansion ratio of the hidden layer, 0 for skip and proj (they have no hidden layer). */
  int expansion();

  /** True when the block carries a squeeze-and-excitation path. */
  boolean se();

  /** The skip op. */
  Skip SKIP = new Skip();

  /** The projection op. */
  Projection PROJ = new Projection();

  static MBConv mbconv(int kernel, int expansion) {
    return new MBConv(kernel, expansion, false);
  }

  static MBConv mbconv(int kernel, int expansion, boolean se) {
    return new MBConv(kernel, expansion, se);
  }

  /** Parses a short code; the message of the exception names the accepted forms. */
  @JsonCreator
  static BlockOp parse(String code) {
    if (code == null) {
      throw new IllegalArgumentException("op code is missing");
    }
    String c = code.trim().toLowerCase(java.util.Locale.ROOT);
    if (c.equals("skip")) {
      return SKIP;
    }
    if (c.equals("proj")) {
      return PROJ;
    }
    Matcher m = CODE.matcher(c);
    if (!m.matches()) {
      throw new IllegalArgumentException("op '" + code
          + "' is not an op code: expected 'skip', 'proj' or 'k<kernel>e<expansion>[+se]', e.g. 'k3e6', 'k5e3+se'");
    }
    return new MBConv(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3) != null);
  }

  /** Internal: the op-code grammar. */
  Pattern CODE = Pattern.compile("k(\\d+)e(\\d+)(\\+se)?");

  /**
   * MBConv: optional 1x1 expansion conv (absent when {@code expansion == 1}), k x k depthwise conv,
   * optional squeeze-and-excitation, 1x1 linear projection; every conv followed by batch norm.
   */
  record MBConv(int kernel, int expansion, boolean se) implements BlockOp {
    public MBConv {
      if (kernel < 1 || kernel % 2 == 0) {
        throw new IllegalArgumentException("kernel must be odd and positive, got " + kernel);
      }
      if (expansion < 1) {
        throw new IllegalArgumentException("expansion must be >= 1, got " + expansion);
      }
    }

    @Override
    public String code() {
      return "k" + kernel + "e" + expansion + (se ? "+se" : "");
    }

    @Override
    public boolean isSkip() {
      return false;
    }

    /** The same op with or without squeeze-and-excitation. */
    public MBConv withSe(boolean withSe) {
      return new MBConv(kernel, expansion, withSe);
    }

    @Override
    public String toString() {
      return code();
    }
  }

  /** Identity: the block is removed; allowed only where input and output shapes match. */
  record Skip() implements BlockOp {
    @Override
    public String code() {
      return "skip";
    }

    @Override
    public boolean isSkip() {
      return true;
    }

    @Override
    public int kernel() {
      return 0;
    }

    @Override
    public int expansion() {
      return 0;
    }

    @Override
    public boolean se() {
      return false;
    }

    @Override
    public String toString() {
      return code();
    }
  }

  /**
   * Projection: a bias-free 1x1 conv with the block's stride, from its input to its output width,
   * followed by BN; no activation and no residual. It is what "identity" means in a block whose stride
   * or width changes (NAS-Bench-Macro's {@code Identity} with {@code downsample}; ResNet's projection
   * shortcut), so a space may allow it anywhere, first blocks of stages included.
   */
  record Projection() implements BlockOp {
    @Override
    public String code() {
      return "proj";
    }

    @Override
    public boolean isSkip() {
      return false;
    }

    @Override
    public boolean isProjection() {
      return true;
    }

    @Override
    public int kernel() {
      return 0;
    }

    @Override
    public int expansion() {
      return 0;
    }

    @Override
    public boolean se() {
      return false;
    }

    @Override
    public String toString() {
      return code();
    }
  }
}
