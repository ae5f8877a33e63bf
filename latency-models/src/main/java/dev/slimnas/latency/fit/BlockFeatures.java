package dev.slimnas.latency.fit;

import dev.slimnas.latency.profile.BlockShape;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The cost features of an MBConv block that the latency of a block is linear in: a constant, per op
 * type the multiply-accumulates (1x1 expansion, depthwise k x k with one feature per kernel size,
 * 1x1 projection), the weights the pointwise convs read, the activation traffic in elements (input,
 * hidden maps before and after the depthwise conv, output, residual add), an indicator per optional
 * part (expansion conv, residual add) and, when the data has SE blocks, the SE path (indicator, MACs,
 * elements of the map it pools and rescales). MACs follow {@link dev.slimnas.space.cost.CostModel}.
 *
 * <p>A feature set covers the depthwise kernels and the SE path seen in the data it was made from;
 * other blocks are refused (see {@link #covers}).
 */
public final class BlockFeatures {
  private final int[] kernels;
  private final int[] kernelIndex;
  private final boolean se;
  private final List<String> names;

  private static final int CONST = 0;
  private static final int EXPAND_UNIT = 1;
  private static final int EXPAND_MACS = 2;
  private static final int FIRST_DW = 3;

  public BlockFeatures(Collection<Integer> kernelSizes, boolean withSe) {
    TreeSet<Integer> ks = new TreeSet<>(kernelSizes);
    if (ks.isEmpty() || ks.first() < 1) {
      throw new IllegalArgumentException("need at least one positive kernel size, got " + kernelSizes);
    }
    kernels = ks.stream().mapToInt(Integer::intValue).toArray();
    kernelIndex = new int[ks.last() + 1];
    java.util.Arrays.fill(kernelIndex, -1);
    for (int i = 0; i < kernels.length; i++) {
      kernelIndex[kernels[i]] = FIRST_DW + i;
    }
    se = withSe;
    List<String> n = new ArrayList<>(List.of("const", "expand.unit", "expand.macs"));
    for (int k : kernels) {
      n.add("dw.k" + k + ".macs");
    }
    n.addAll(List.of("project.macs", "pw.weights", "in.elems", "hidden.elems", "out.elems", "residual.unit", "residual.elems"));
    if (se) {
      n.addAll(List.of("se.unit", "se.macs", "se.elems"));
    }
    names = List.copyOf(n);
  }

  /** The features covering every kernel size and the SE path present in {@code shapes}. */
  public static BlockFeatures covering(Collection<BlockShape> shapes) {
    return new BlockFeatures(shapes.stream().map(s -> s.op().kernel()).toList(), shapes.stream().anyMatch(s -> s.op().se()));
  }

  public List<String> names() {
    return names;
  }

  public int size() {
    return names.size();
  }

  /** The depthwise kernel sizes covered, ascending. */
  public List<Integer> kernels() {
    return java.util.Arrays.stream(kernels).boxed().toList();
  }

  public boolean coversSe() {
    return se;
  }

  /** True when a block with this kernel and SE choice can be priced. */
  public boolean covers(int kernel, boolean withSe) {
    return kernel < kernelIndex.length && kernelIndex[kernel] >= 0 && (!withSe || se);
  }

  /** What is missing for a block, for error messages. */
  public String missing(int kernel, boolean withSe) {
    if (withSe && !se) {
      return "the profile has no squeeze-and-excitation blocks";
    }
    return "the profile has no depthwise kernel " + kernel + " (it has " + kernels() + ")";
  }

  /** The feature vector of a block shape. */
  public double[] of(BlockShape s) {
    if (!covers(s.op().kernel(), s.op().se())) {
      throw new IllegalArgumentException(missing(s.op().kernel(), s.op().se()));
    }
    double[] f = new double[size()];
    int d = FIRST_DW + kernels.length;
    int res = s.inResolution();
    int out = s.outResolution();
    double inPix = (double) res * res;
    double outPix = (double) out * out;
    double h = s.hidden();
    boolean expand = s.hasExpansion();
    f[CONST] = 1;
    f[EXPAND_UNIT] = expand ? 1 : 0;
    f[EXPAND_MACS] = expand ? s.inChannels() * h * inPix : 0;
    f[kernelIndex[s.op().kernel()]] = (double) s.op().kernel() * s.op().kernel() * h * outPix;
    f[d] = h * s.outChannels() * outPix;
    f[d + 1] = (expand ? s.inChannels() * h : 0) + h * s.outChannels();
    f[d + 2] = s.inChannels() * inPix;
    f[d + 3] = (expand ? h * inPix : 0) + h * outPix;
    f[d + 4] = s.outChannels() * outPix;
    f[d + 5] = s.residual() ? 1 : 0;
    f[d + 6] = s.residual() ? s.outChannels() * outPix : 0;
    if (se) {
      f[d + 7] = s.op().se() ? 1 : 0;
      f[d + 8] = s.op().se() ? 2.0 * h * s.se() : 0;
      f[d + 9] = s.op().se() ? h * outPix : 0;
    }
    return f;
  }

  /**
   * {@code w . features} of a projection block ({@code proj}: a 1x1 conv at {@code stride} + BN, no
   * expansion, no depthwise conv, no residual), priced by the terms of the block model it shares with an
   * MBConv block's linear projection: the constant, the pointwise MACs and weights, and the input and
   * output traffic. Profiles measure MBConv blocks only, so this is an extrapolation of the fitted terms,
   * not a fit of proj itself.
   */
  double projectionDot(double[] w, int inRes, int inC, int outC, int stride) {
    int out = stride == 1 ? inRes : (inRes + 1) / 2;
    double inPix = (double) inRes * inRes;
    double outPix = (double) out * out;
    int d = FIRST_DW + kernels.length;
    return w[CONST] + w[d] * (double) inC * outC * outPix + w[d + 1] * (double) inC * outC + w[d + 2] * inC * inPix
        + w[d + 4] * outC * outPix;
  }

  /**
   * {@code w . features} without allocating: the hot path of a prediction. The caller has checked
   * {@link #covers}.
   */
  double dot(double[] w, int inRes, int inC, int outC, int stride, int kernel, int expansion, boolean withSe, int hidden, int seC) {
    int out = stride == 1 ? inRes : (inRes + 1) / 2;
    double inPix = (double) inRes * inRes;
    double outPix = (double) out * out;
    double h = hidden;
    boolean expand = expansion != 1;
    boolean residual = stride == 1 && inC == outC;
    int d = FIRST_DW + kernels.length;
    double v = w[CONST] + w[kernelIndex[kernel]] * kernel * kernel * h * outPix
        + w[d] * h * outC * outPix
        + w[d + 1] * ((expand ? inC * h : 0) + h * outC)
        + w[d + 2] * inC * inPix
        + w[d + 3] * ((expand ? h * inPix : 0) + h * outPix)
        + w[d + 4] * outC * outPix;
    if (expand) {
      v += w[EXPAND_UNIT] + w[EXPAND_MACS] * inC * h * inPix;
    }
    if (residual) {
      v += w[d + 5] + w[d + 6] * outC * outPix;
    }
    if (withSe) {
      v += w[d + 7] + w[d + 8] * 2.0 * h * seC + w[d + 9] * h * outPix;
    }
    return v;
  }
}
