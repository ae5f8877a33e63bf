package dev.slimnas.space.spec;

/**
 * A block seen in place: its global index, stage and position, and the shapes around it. Derived
 * from an {@link ArchSpec} by {@link ArchSpec#layout()}; costs, latency tables and network builders
 * all read blocks through this view.
 *
 * @param index global block index, 0-based over all stages
 * @param stage stage index
 * @param position position inside the stage
 * @param stride stride of the block (of its depthwise conv, or of a proj's 1x1 conv)
 * @param residual true when the block adds its input to its output (an MBConv with stride 1 and equal widths)
 */
public record BlockLayout(
    int index,
    int stage,
    int position,
    int inChannels,
    int outChannels,
    int inResolution,
    int outResolution,
    int stride,
    BlockSpec spec,
    boolean residual) {

  public BlockOp op() {
    return spec.op();
  }

  /** Human-readable location used in every error message about a block. */
  public String label() {
    return label(index, stage, position);
  }

  public static String label(int index, int stage, int position) {
    return "block " + index + " (stage " + stage + ", position " + position + ")";
  }

  /** Output size of a 'same'-padded conv with this stride. */
  public static int outResolution(int in, int stride) {
    return (in + stride - 1) / stride;
  }
}
