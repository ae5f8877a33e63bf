package dev.slimnas.supernet.slim;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Which axes of a DL4J parameter are spatial kernel axes (sliced around their centre between the full
 * network and a sub-network with a smaller kernel) rather than channel axes (sliced as a prefix).
 *
 * <p>DL4J 1.0.0-M2.1 weight layouts ({@code *ParamInitializer} classes of {@code deeplearning4j-nn}):
 * <ul>
 *   <li>{@code DepthwiseConvolution2D} {@code W}: {@code [kH, kW, nIn, depthMultiplier]} (kernel axes 0, 1);
 *   <li>{@code ConvolutionLayer} {@code W}: {@code [nOut, nIn, kH, kW]} (kernel axes 2, 3);
 *   <li>the project's {@code layers.Conv} and {@code layers.DepthwiseConv} extend these two and keep their
 *       parameters;
 *   <li>biases, BN parameters and statistics ({@code [1, C]}), dense and output weights
 *       ({@code [nIn, nOut]}): no kernel axes.
 * </ul>
 * The layer type comes from the graph's configuration, not from the key's spelling, and the kernel size
 * the configuration declares must be found at the axes named here: a DL4J version with another layout
 * fails loudly instead of slicing the wrong axes. Parameters of layer types not listed fail too.
 */
final class KernelAxes {
  private static final int[] NONE = {};
  private static final int[] LEADING = {0, 1};
  private static final int[] TRAILING = {2, 3};

  private KernelAxes() {}

  /**
   * The kernel axes of parameter {@code key} ({@code <vertex>_<param>}, as in {@code paramTable()}) of
   * {@code graph}, whose value is {@code value}.
   */
  static int[] of(ComputationGraph graph, String key, INDArray value) {
    int cut = key.lastIndexOf('_');
    GraphVertex v = cut < 0 ? null : graph.getVertex(key.substring(0, cut));
    if (v == null || !v.hasLayer()) {
      throw new IllegalArgumentException("parameter " + key + ": no layer vertex of that name in the graph");
    }
    Layer layer = v.getLayer().conf().getLayer();
    boolean weight = DefaultParamInitializer.WEIGHT_KEY.equals(key.substring(cut + 1));
    if (layer instanceof ConvolutionLayer) {
      if (!weight) {
        return NONE;
      }
      int[] axes = layer instanceof DepthwiseConvolution2D ? LEADING : TRAILING;
      return checked(key, value.shape(), axes, ((ConvolutionLayer) layer).getKernelSize(), layer);
    }
    if (layer instanceof BatchNormalization || layer instanceof DenseLayer || layer instanceof BaseOutputLayer) {
      return NONE;
    }
    throw new IllegalArgumentException("parameter " + key + ": no weight layout known for layer type "
        + layer.getClass().getName() + " (prefix/centre slicing knows conv, depthwise conv, BN, dense and output layers)");
  }

  private static int[] checked(String key, long[] shape, int[] axes, int[] kernel, Layer layer) {
    boolean ok = shape.length == 4 && kernel.length == 2 && shape[axes[0]] == kernel[0] && shape[axes[1]] == kernel[1];
    if (!ok) {
      throw new IllegalArgumentException("parameter " + key + " of a " + layer.getClass().getSimpleName() + ": shape "
          + Arrays.toString(shape) + " does not hold the kernel " + Arrays.toString(kernel) + " at axes "
          + Arrays.toString(axes) + " (unexpected DL4J weight layout)");
    }
    return axes;
  }
}
