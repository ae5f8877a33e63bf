package dev.slimnas.supernet.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's depthwise convolution with a leaner backward pass (see {@link DepthwiseConvLayer}).
 * Parameters, forward pass (ND4J's oneDNN op) and serialisation are DL4J's.
 */
public class DepthwiseConv extends DepthwiseConvolution2D {

  /** For DL4J's JSON reader. */
  public DepthwiseConv() {
    super();
  }

  private DepthwiseConv(DepthwiseConvolution2D.Builder b) {
    super(b);
  }

  /** A bias-free {@code kernel x kernel} depthwise conv over {@code channels} with "same" padding. */
  public static DepthwiseConv of(int channels, int kernel, int stride) {
    return new DepthwiseConv(new DepthwiseConvolution2D.Builder(kernel, kernel).stride(stride, stride)
        .nIn(channels).nOut(channels).depthMultiplier(1).convolutionMode(ConvolutionMode.Same).hasBias(false)
        .activation(Activation.IDENTITY));
  }

  @Override
  public DepthwiseConv clone() {
    return (DepthwiseConv) super.clone();
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
      INDArray paramsView, boolean initializeParams, DataType dataType) {
    return LayerWiring.wire(new DepthwiseConvLayer(conf, dataType), conf, listeners, index, paramsView, initializeParams,
        initializer());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DepthwiseConv && super.equals(o);
  }

  @Override
  public int hashCode() {
    return 17 * super.hashCode();
  }
}
