package dev.slimnas.supernet.onnx;

import dev.slimnas.supernet.layers.BnAct;
import dev.slimnas.supernet.layers.PointwiseActivation;
import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads the parameters of a translated network by vertex name, checks the layer type and the shapes the
 * architecture implies, and returns them in ONNX's layouts as float arrays. DL4J 1.0.0-M2.1 layouts (see
 * {@code slim.KernelAxes}): conv {@code W [nOut, nIn, kH, kW]} (ONNX's own), depthwise
 * {@code W [kH, kW, nIn, depthMultiplier]} (permuted to {@code [C, 1, kH, kW]}), dense and output
 * {@code W [nIn, nOut]}, biases and BN parameters {@code [1, C]}. A mismatch means the graph is not the
 * plain translation of the architecture (a supernet, a graph of another architecture) and is refused
 * naming the vertex.
 */
final class GraphParams {
  private final ComputationGraph graph;

  GraphParams(ComputationGraph graph) {
    this.graph = graph;
  }

  /** Weights of conv vertex {@code name} in ONNX layout {@code [cout, cin / group, k, k]}. */
  float[] conv(String name, int cin, int cout, int k, boolean depthwise) {
    Layer layer = layer(name);
    org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
    boolean isDw = conf instanceof DepthwiseConvolution2D;
    if (!(conf instanceof ConvolutionLayer) || isDw != depthwise) {
      throw mismatch(name, "expected a " + (depthwise ? "depthwise " : "") + "convolution, found " + type(conf));
    }
    ConvolutionLayer c = (ConvolutionLayer) conf;
    if (c.hasBias()) {
      throw mismatch(name, "convolutions of a translated network have no bias");
    }
    if (c.getConvolutionMode() != org.deeplearning4j.nn.conf.ConvolutionMode.Same
        || !Arrays.equals(c.getDilation(), new int[] {1, 1})) {
      throw mismatch(name, "expected 'same' padding without dilation, found " + c.getConvolutionMode()
          + " with dilation " + Arrays.toString(c.getDilation()));
    }
    INDArray w = param(name, layer, DefaultParamInitializer.WEIGHT_KEY);
    if (depthwise) {
      expect(name, w, k, k, cin, 1);
      return floats(w.permute(2, 3, 0, 1));
    }
    expect(name, w, cout, cin, k, k);
    return floats(w);
  }

  /** The stride of conv vertex {@code name} (square). */
  int stride(String name) {
    int[] s = ((ConvolutionLayer) layer(name).conf().getLayer()).getStride();
    if (s[0] != s[1]) {
      throw mismatch(name, "non-square stride " + Arrays.toString(s));
    }
    return s[0];
  }

  /** Inference BN of the project's fused layer {@code name} over {@code channels}. */
  BnParams bn(String name, int channels) {
    Layer layer = layer(name);
    if (!(layer.conf().getLayer() instanceof BnAct b)) {
      throw mismatch(name, "expected the fused BN + activation layer (BnAct), found " + type(layer.conf().getLayer()));
    }
    if (b.isUseLogStd()) {
      throw mismatch(name, "BN stores log std instead of the variance");
    }
    return new BnParams(
        vector(name, param(name, layer, BatchNormalizationParamInitializer.GAMMA), channels),
        vector(name, param(name, layer, BatchNormalizationParamInitializer.BETA), channels),
        vector(name, param(name, layer, BatchNormalizationParamInitializer.GLOBAL_MEAN), channels),
        vector(name, param(name, layer, BatchNormalizationParamInitializer.GLOBAL_VAR), channels),
        b.getEps());
  }

  /** The activation the fused layer {@code name} applies after BN. */
  PointwiseActivation activation(String name) {
    return ((BnAct) layer(name).conf().getLayer()).getAct();
  }

  /**
   * A dense ({@code DenseLayer} or the output layer) vertex with {@code activation} (DL4J's class name,
   * e.g. {@code ActivationReLU}): weights {@code [nIn, nOut]} and bias {@code [nOut]}.
   */
  float[][] dense(String name, int nIn, int nOut, String activation, boolean output) {
    Layer layer = layer(name);
    org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
    boolean ok = output ? conf instanceof OutputLayer : conf instanceof DenseLayer;
    if (!ok) {
      throw mismatch(name, "expected a " + (output ? "output" : "dense") + " layer, found " + type(conf));
    }
    IActivation act = ((BaseLayer) conf).getActivationFn();
    if (!act.getClass().getSimpleName().equals(activation)) {
      throw mismatch(name, "expected activation " + activation + ", found " + act);
    }
    INDArray w = param(name, layer, DefaultParamInitializer.WEIGHT_KEY);
    expect(name, w, nIn, nOut);
    INDArray b = param(name, layer, DefaultParamInitializer.BIAS_KEY);
    return new float[][] {floats(w), vector(name, b, nOut)};
  }

  /** Fails unless {@code name} is a configured vertex of {@code type} (the SE scale, a residual add). */
  void requireVertex(String name, Class<? extends org.deeplearning4j.nn.conf.graph.GraphVertex> type) {
    org.deeplearning4j.nn.conf.graph.GraphVertex v = graph.getConfiguration().getVertices().get(name);
    if (v == null) {
      throw mismatch(name, "no such vertex");
    }
    if (!type.isInstance(v)) {
      throw mismatch(name, "expected a " + type.getSimpleName() + ", found " + v.getClass().getSimpleName());
    }
    if (v instanceof org.deeplearning4j.nn.conf.graph.ElementWiseVertex e
        && e.getOp() != org.deeplearning4j.nn.conf.graph.ElementWiseVertex.Op.Add) {
      throw mismatch(name, "expected an element-wise Add, found " + e.getOp());
    }
  }

  private Layer layer(String name) {
    GraphVertex v = graph.getVertex(name);
    if (v == null || !v.hasLayer()) {
      throw mismatch(name, "no layer vertex of that name");
    }
    return v.getLayer();
  }

  private static INDArray param(String name, Layer layer, String key) {
    INDArray p = layer.paramTable().get(key);
    if (p == null) {
      throw mismatch(name, "no parameter " + key);
    }
    return p;
  }

  private static void expect(String name, INDArray a, long... shape) {
    if (!Arrays.equals(a.shape(), shape)) {
      throw mismatch(name, "parameter shape " + Arrays.toString(a.shape()) + ", the architecture needs "
          + Arrays.toString(shape));
    }
  }

  private static float[] vector(String name, INDArray a, int n) {
    if (a.length() != n) {
      throw mismatch(name, "parameter of " + a.length() + " values, the architecture needs " + n);
    }
    return floats(a);
  }

  private static float[] floats(INDArray a) {
    return a.castTo(DataType.FLOAT).dup('c').reshape(a.length()).toFloatVector();
  }

  private static String type(Object conf) {
    return conf == null ? "nothing" : conf.getClass().getSimpleName();
  }

  static OnnxExportException mismatch(String vertex, String problem) {
    return new OnnxExportException("vertex " + vertex + ": " + problem
        + " (the graph is not the translation of this architecture by Networks.graphConfig)");
  }
}
