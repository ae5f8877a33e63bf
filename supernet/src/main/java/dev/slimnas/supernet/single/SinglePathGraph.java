package dev.slimnas.supernet.single;

import dev.slimnas.supernet.layers.BnAct;
import dev.slimnas.supernet.layers.Conv;
import dev.slimnas.supernet.layers.PointwiseActivation;
import dev.slimnas.supernet.net.VertexNames;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;

/**
 * Adds searchable single-path blocks to a DL4J graph and finds them again. A block is the 1x1
 * expansion conv to the expansion-6 width with fused BN + activation ({@code b<i>.expand.conv},
 * {@code b<i>.expand.bn}), the {@link SinglePathBlock} layer ({@code b<i>.searchable}) and, for
 * residual blocks, the add ({@code b<i>.add}); with keep = 0 the layer outputs 0, so the block is an
 * exact identity. For expansion 3 the stand-alone network's expansion conv is the first half of this
 * one's output channels. A block that drops to a projection ({@link SearchableBlockSpec#projection()}) has
 * no add; its layer reads the merge {@code b<i>.merge} = [expanded map, block input] and outputs
 * {@code v_keep MBConv + (1 - v_keep) proj(x)}.
 */
public final class SinglePathGraph {
  /** The part name of the searchable layer: {@code VertexNames.block(i, PART)}. */
  public static final String PART = "searchable";

  private SinglePathGraph() {}

  public static String layerName(int index) {
    return VertexNames.block(index, PART);
  }

  /**
   * Adds block {@code b} reading vertex {@code in} and returns the name of its output vertex.
   *
   * @param act the hidden activation (RELU or RELU6)
   * @param bnDecay DL4J's BN decay of every BN in the block
   */
  public static String addBlock(GraphBuilder g, String in, SearchableBlockSpec b, PointwiseActivation act,
      double bnDecay) {
    return addBlock(g, in, b, act, bnDecay, SinglePathBlock.builder(b.hidden(), b.outChannels()));
  }

  /** As {@link #addBlock(GraphBuilder, String, SearchableBlockSpec, PointwiseActivation, double)}, with
   * further layer settings (dropout, temperature, relaxation) taken from {@code settings}; its widths,
   * stride, skip, SE, activation and BN decay are set from {@code b}. */
  public static String addBlock(GraphBuilder g, String in, SearchableBlockSpec b, PointwiseActivation act,
      double bnDecay, SinglePathBlock.Builder settings) {
    String expand = VertexNames.block(b.index(), "expand");
    String conv = VertexNames.conv(expand);
    g.addLayer(conv, Conv.of(b.inChannels(), b.hidden(), 1, 1), in);
    String bn = VertexNames.bn(expand);
    g.addLayer(bn, new BnAct(b.hidden(), bnDecay, 1e-5, act), conv);
    SinglePathBlock layer = settings.stride(b.stride()).skippable(b.skippable()).seChannels(b.seChannels())
        .activation(act).bnDecay(bnDecay).tied(b.tied()).projection(b.projection() ? b.inChannels() : 0).build();
    if (layer.getNIn() != b.hidden() || layer.getNOut() != b.outChannels()) {
      throw new IllegalArgumentException("block " + b.index() + ": settings are for " + layer.getNIn() + " -> "
          + layer.getNOut() + " channels, the block needs " + b.hidden() + " -> " + b.outChannels());
    }
    String name = layerName(b.index());
    if (b.projection()) {
      String merge = VertexNames.block(b.index(), "merge");
      g.addVertex(merge, new MergeVertex(), bn, in); // [expanded map, block input]: the layer's proj reads the latter
      g.addLayer(name, layer, merge);
      return name;
    }
    g.addLayer(name, layer, bn);
    if (!b.residual()) {
      return name;
    }
    String add = VertexNames.block(b.index(), "add");
    g.addVertex(add, new ElementWiseVertex(ElementWiseVertex.Op.Add), in, name);
    return add;
  }

  /** The searchable blocks of {@code net} in topological (forward) order. */
  public static List<SearchableBlock> blocks(ComputationGraph net) {
    List<SearchableBlock> out = new ArrayList<>();
    GraphVertex[] vertices = net.getVertices();
    for (int i : net.topologicalSortOrder()) {
      GraphVertex v = vertices[i];
      if (v.hasLayer() && v.getLayer() instanceof SearchableBlock) {
        out.add((SearchableBlock) v.getLayer());
      }
    }
    return List.copyOf(out);
  }

  /** The searchable block of global block index {@code index}. */
  public static SearchableBlock block(ComputationGraph net, int index) {
    org.deeplearning4j.nn.api.Layer l = net.getLayer(layerName(index));
    if (!(l instanceof SearchableBlock)) {
      throw new IllegalArgumentException("the network has no searchable block " + layerName(index));
    }
    return (SearchableBlock) l;
  }
}
