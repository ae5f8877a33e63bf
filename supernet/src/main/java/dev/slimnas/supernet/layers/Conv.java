package dev.slimnas.supernet.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's convolution with a leaner backward pass (see {@link ConvLayer}); parameters, forward pass
 * (oneDNN through DL4J's helper) and serialisation are DL4J's.
 */
public class Conv extends ConvolutionLayer {

  /** For DL4J's JSON reader. */
  public Conv() {
    super();
  }

  private Conv(ConvolutionLayer.Builder b) {
    super(b);
  }

  /** A bias-free {@code kernel x kernel} convolution with "same" padding and no activation. */
  public static Conv of(int in, int out, int kernel, int stride) {
    return new Conv(new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nIn(in).nOut(out)
        .convolutionMode(ConvolutionMode.Same).hasBias(false).activation(Activation.IDENTITY));
  }

  @Override
  public Conv clone() {
    return (Conv) super.clone();
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
      INDArray paramsView, boolean initializeParams, DataType dataType) {
    return LayerWiring.wire(new ConvLayer(conf, dataType), conf, listeners, index, paramsView, initializeParams,
        initializer());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Conv && super.equals(o);
  }

  @Override
  public int hashCode() {
    return 19 * super.hashCode();
  }
}
