package dev.slimnas.supernet.search;

import static dev.slimnas.supernet.search.ParamTransfer.centre;
import static dev.slimnas.supernet.search.ParamTransfer.key;
import static dev.slimnas.supernet.search.ParamTransfer.leading;
import static dev.slimnas.supernet.search.ParamTransfer.leadingChannels;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.net.VertexNames;
import dev.slimnas.supernet.single.SinglePathGraph;
import dev.slimnas.supernet.single.SinglePathParams;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stand-alone network of the path a single-path supernet ({@code Supernets.build}) selects, with
 * the supernet's weights: after a search, the found network can be evaluated (or fine-tuned) without
 * training it from scratch, and it computes exactly what the supernet computes at inference.
 *
 * <p>The architecture is {@link Readout#architecture} of the hard indicators of every searchable block
 * (fixed blocks keep their op), at the space's widest widths, which are the supernet's widths. The
 * network is {@link Networks#build} of it; its parameters come from the supernet:
 * <ul>
 *   <li>stem, fixed blocks, head and classifier: the parameter of the same name (both networks are
 *       translated by {@link Networks#graphConfig}, so names and shapes agree);
 *   <li>a skipped searchable block (keep = 0): nothing, the stand-alone network has no vertices for it
 *       (the supernet's block is an exact identity there); where the dropped op is {@code proj}, its unit
 *       {@code b<i>.proj} (conv W, BN) takes the layer's {@code qW} and {@code qgamma qbeta qmean qvar};
 *   <li>a kept searchable block {@code b<i>} with hidden width h (C at expansion 6, C/2 at expansion 3;
 *       the expansion-3 path is the first half of the supernet's channels) and kernel k:
 *       <pre>{@code
 *   stand-alone                            supernet (b<i>.searchable unless named)
 *   b<i>.expand.conv W [h, in, 1, 1]       b<i>.expand.conv W [0:h]
 *   b<i>.expand.bn gamma beta mean var     b<i>.expand.bn gamma beta mean var [0:h]
 *   b<i>.dw.conv W [k, k, h, 1]            W [o:o+k, o:o+k, 0:h]   (o = (5 - k) / 2: k3 = centre 3x3)
 *   b<i>.dw.bn gamma beta mean var         gamma beta mean var [0:h]
 *   b<i>.se.reduce W [h, R], b [R]         seW1 [0:h], seb1        (only with SE selected)
 *   b<i>.se.expand W [R, h], b [h]         seW2 [:, 0:h], seb2 [0:h]
 *   b<i>.project.conv W [out, h, 1, 1]     pW [:, 0:h]
 *   b<i>.project.bn gamma beta mean var    pgamma pbeta pmean pvar (whole)
 *       }</pre>
 * </ul>
 * BN running statistics are copied with the other parameters; the thresholds {@code t} and the
 * weights of unselected parts (outer ring of a k3 kernel, second half at e3, SE when off) are dropped.
 * The slicing is what {@code PlainBlockEquivalenceTest} verifies for a single block.
 */
public final class PathExport {
  /** DL4J's BN parameter keys (gamma, beta, running mean, running variance), the target's names. */
  private static final String[] BN = {BatchNormalizationParamInitializer.GAMMA, BatchNormalizationParamInitializer.BETA,
      BatchNormalizationParamInitializer.GLOBAL_MEAN, BatchNormalizationParamInitializer.GLOBAL_VAR};
  /** The searchable layer's names of its depthwise BN's parameters, in the order of {@link #BN}. */
  private static final String[] DEPTHWISE_BN = {SinglePathParams.GAMMA, SinglePathParams.BETA, SinglePathParams.MEAN,
      SinglePathParams.VAR};
  /** The searchable layer's names of its projection BN's parameters, in the order of {@link #BN}. */
  private static final String[] PROJECTION_BN = {SinglePathParams.P_GAMMA, SinglePathParams.P_BETA,
      SinglePathParams.P_MEAN, SinglePathParams.P_VAR};

  /** The searchable layer's names of its projection skip's BN parameters, in the order of {@link #BN}. */
  private static final String[] PROJECTION_SKIP_BN = {SinglePathParams.Q_GAMMA, SinglePathParams.Q_BETA,
      SinglePathParams.Q_MEAN, SinglePathParams.Q_VAR};

  private PathExport() {}

  /**
   * The indicators of every block of {@code space}: the hard values of the supernet's searchable blocks,
   * those of the fixed op elsewhere.
   *
   * @throws IllegalArgumentException when the supernet's searchable blocks are not the space's
   */
  public static List<BlockIndicators> indicators(ComputationGraph supernet, SearchSpace space) {
    List<BlockChoice> choices = space.blocks();
    int searchable = SinglePathGraph.blocks(supernet).size();
    if (searchable != space.searchableBlocks().size()) {
      throw new IllegalArgumentException("the supernet has " + searchable + " searchable blocks, space " + space.name()
          + " has " + space.searchableBlocks().size());
    }
    List<BlockIndicators> out = new ArrayList<>(choices.size());
    for (int b = 0; b < choices.size(); b++) {
      BlockChoice c = choices.get(b);
      out.add(c.searchable() ? SinglePathGraph.block(supernet, b).indicators() : Readout.indicators(c.ops().get(0)));
    }
    return out;
  }

  /** The architecture the supernet's hard indicators select (space widths = the supernet's widths). */
  public static ArchSpec architecture(ComputationGraph supernet, SearchSpace space) {
    return Readout.architecture(space, indicators(supernet, space));
  }

  /**
   * A stand-alone network ({@code Networks.build(arch, settings)}) of {@link #architecture} carrying the
   * supernet's weights, BN statistics included (see the class comment for the mapping). In inference
   * mode it computes the supernet's output.
   *
   * @throws IllegalArgumentException naming the block or vertex when a parameter of the stand-alone
   *     network has no counterpart of the right shape in the supernet (e.g. a space at other widths)
   */
  public static ComputationGraph standalone(ComputationGraph supernet, SearchSpace space, NetSettings settings) {
    ArchSpec arch = architecture(supernet, space);
    ComputationGraph net = Networks.build(arch, settings);
    ParamTransfer transfer = new ParamTransfer(supernet, net);
    List<BlockChoice> choices = space.blocks();
    for (BlockLayout b : arch.layout()) {
      if (choices.get(b.index()).searchable() && b.op().isProjection()) {
        copyProjection(transfer, b);
      } else if (choices.get(b.index()).searchable() && !b.op().isSkip()) {
        copyBlock(transfer, b);
      }
    }
    transfer.copyRestByName();
    return net;
  }

  /** Writes the slices of searchable block {@code b}'s supernet parameters into its stand-alone block. */
  private static void copyBlock(ParamTransfer t, BlockLayout b) {
    int i = b.index();
    BlockOp op = b.op();
    String where = b.label() + " (" + op.code() + ")";
    String layer = SinglePathGraph.layerName(i);
    long c = t.source(key(layer, SinglePathParams.WEIGHT), where).size(2);
    long h = b.spec().hidden();
    long expected = op.expansion() == 6 ? c : c / 2;
    if (h != expected) {
      throw new IllegalArgumentException(where + ": the stand-alone block has hidden width " + h
          + ", but the supernet's block has " + c + " channels (expansion 6 takes them all, expansion 3 the first "
          + c / 2 + ")");
    }

    String expand = VertexNames.block(i, "expand");
    String expandConv = VertexNames.conv(expand);
    t.put(key(expandConv, DefaultParamInitializer.WEIGHT_KEY),
        leading(t.source(key(expandConv, DefaultParamInitializer.WEIGHT_KEY), where), 0, h), where);
    copyBn(t, VertexNames.bn(expand), VertexNames.bn(expand), BN, h, where);

    String dw = VertexNames.block(i, "dw");
    INDArray kernel = centre(t.source(key(layer, SinglePathParams.WEIGHT), where), op.kernel());
    t.put(key(VertexNames.conv(dw), DefaultParamInitializer.WEIGHT_KEY), leading(kernel, 2, h), where);
    copyBn(t, layer, VertexNames.bn(dw), DEPTHWISE_BN, h, where);

    if (op.se()) {
      String se = VertexNames.block(i, "se");
      t.put(key(se + ".reduce", DefaultParamInitializer.WEIGHT_KEY),
          leading(t.source(key(layer, SinglePathParams.SE_REDUCE), where), 0, h), where);
      t.putChannels(key(se + ".reduce", DefaultParamInitializer.BIAS_KEY),
          t.source(key(layer, SinglePathParams.SE_REDUCE_BIAS), where), where);
      t.put(key(se + ".expand", DefaultParamInitializer.WEIGHT_KEY),
          leading(t.source(key(layer, SinglePathParams.SE_EXPAND), where), 1, h), where);
      t.putChannels(key(se + ".expand", DefaultParamInitializer.BIAS_KEY),
          leadingChannels(t.source(key(layer, SinglePathParams.SE_EXPAND_BIAS), where), h), where);
    }

    String project = VertexNames.block(i, "project");
    t.put(key(VertexNames.conv(project), DefaultParamInitializer.WEIGHT_KEY),
        leading(t.source(key(layer, SinglePathParams.PROJECTION), where), 1, h), where);
    copyBn(t, layer, VertexNames.bn(project), PROJECTION_BN, b.outChannels(), where);
  }

  /** A dropped block whose drop op is proj: the layer's projection skip (qW, qgamma qbeta qmean qvar) is the unit {@code b<i>.proj}. */
  private static void copyProjection(ParamTransfer t, BlockLayout b) {
    String where = b.label() + " (proj)";
    String layer = SinglePathGraph.layerName(b.index());
    String unit = VertexNames.block(b.index(), "proj");
    t.put(key(VertexNames.conv(unit), DefaultParamInitializer.WEIGHT_KEY), t.source(key(layer, SinglePathParams.Q_WEIGHT), where),
        where);
    copyBn(t, layer, VertexNames.bn(unit), PROJECTION_SKIP_BN, b.outChannels(), where);
  }

  /** Copies the first {@code n} channels of {@code fromVertex}'s BN parameters {@code names} to {@code toVertex}. */
  private static void copyBn(ParamTransfer t, String fromVertex, String toVertex, String[] names, long n, String where) {
    for (int j = 0; j < BN.length; j++) {
      t.putChannels(key(toVertex, BN[j]), leadingChannels(t.source(key(fromVertex, names[j]), where), n), where);
    }
  }
}
