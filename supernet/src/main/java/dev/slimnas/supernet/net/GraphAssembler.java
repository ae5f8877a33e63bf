package dev.slimnas.supernet.net;

import dev.slimnas.space.spec.Activation;
import dev.slimnas.supernet.layers.BnAct;
import dev.slimnas.supernet.layers.ChannelScaleVertex;
import dev.slimnas.supernet.layers.Conv;
import dev.slimnas.supernet.layers.DepthwiseConv;
import dev.slimnas.supernet.layers.PointwiseActivation;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Adds the building units of a translated network to a DL4J graph builder. Every method returns the
 * name of the last vertex it created, so callers chain units by name.
 */
final class GraphAssembler {
  private final GraphBuilder g;
  private final PointwiseActivation activation;
  private final double bnDecay;

  GraphAssembler(GraphBuilder g, Activation activation, double bnDecay) {
    this.g = g;
    this.activation = dl4j(activation);
    this.bnDecay = bnDecay;
  }

  static PointwiseActivation dl4j(Activation a) {
    switch (a) {
      case RELU:
        return PointwiseActivation.RELU;
      case RELU6:
        return PointwiseActivation.RELU6;
      default:
        throw new IllegalArgumentException("no DL4J activation for " + a);
    }
  }

  /** A bias-free conv (or depthwise conv) and BN fused with the activation when {@code activate}. */
  String convUnit(String unit, String in, int k, int stride, int cin, int cout, boolean depthwise, boolean activate) {
    String conv = VertexNames.conv(unit);
    if (depthwise) {
      g.addLayer(conv, DepthwiseConv.of(cin, k, stride), in);
    } else {
      g.addLayer(conv, Conv.of(cin, cout, k, stride), in);
    }
    String bn = VertexNames.bn(unit);
    g.addLayer(bn, new BnAct(cout, bnDecay, 1e-5, activate ? activation : PointwiseActivation.IDENTITY), conv);
    return bn;
  }

  /** Squeeze-and-excitation: pool, reduce (ReLU), expand (sigmoid), scale the input's channels. */
  String squeezeExcite(String unit, String in, int channels, int reduced) {
    String pool = unit + ".pool";
    g.addLayer(pool, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in);
    String reduce = unit + ".reduce";
    g.addLayer(reduce, new DenseLayer.Builder().nIn(channels).nOut(reduced).hasBias(true)
        .activation(org.nd4j.linalg.activations.Activation.RELU).build(), pool);
    String expand = unit + ".expand";
    g.addLayer(expand, new DenseLayer.Builder().nIn(reduced).nOut(channels).hasBias(true)
        .activation(org.nd4j.linalg.activations.Activation.SIGMOID).build(), reduce);
    String scale = unit + ".scale";
    g.addVertex(scale, new ChannelScaleVertex(), in, expand);
    return scale;
  }

  String add(String name, String a, String b) {
    g.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), a, b);
    return name;
  }

  String globalAveragePool(String name, String in) {
    g.addLayer(name, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in);
    return name;
  }

  /** Dropout (rate {@code dropout}, DL4J takes the keep probability) and the softmax classifier. */
  String classifier(String name, String in, int features, int classes, double dropout) {
    OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
        .nIn(features).nOut(classes).hasBias(true)
        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX)
        .weightInit(org.deeplearning4j.nn.weights.WeightInit.XAVIER);
    if (dropout > 0) {
      out.dropOut(1.0 - dropout);
    }
    g.addLayer(name, out.build(), in);
    return name;
  }
}
