package dev.slimnas.supernet.layers;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of the project's fused batch normalisation + activation layer for NCHW feature maps
 * (and [N, C] vectors). It keeps DL4J's BN parameters (gamma, beta, and the running mean and variance
 * stored as plain variance) and their update rules, so saved models, parameter counts and the
 * updater behave exactly as with DL4J's layer; only the computation is new (see {@link BnActLayer}).
 *
 * <p>Why: on this machine DL4J's own BN (with its oneDNN helper) took ~128 ms forward + backward on a
 * [64, 96, 32, 32] map where PyTorch takes ~16 ms, and the separate activation layer another ~12 ms;
 * BN was two thirds of an MBConv block's training time. Measured by {@code slimnas bench layers}.
 */
public class BnAct extends BatchNormalization {
  private PointwiseActivation act = PointwiseActivation.IDENTITY;

  /** For DL4J's JSON reader. */
  public BnAct() {
    super();
    setUseLogStd(false);
  }

  public BnAct(int channels, double decay, double eps, PointwiseActivation act) {
    this();
    setNIn(channels);
    setNOut(channels);
    setDecay(decay);
    setEps(eps);
    this.act = Objects.requireNonNull(act, "act");
  }

  public PointwiseActivation getAct() {
    return act;
  }

  public void setAct(PointwiseActivation act) {
    this.act = act;
  }

  @Override
  public BnAct clone() {
    return (BnAct) super.clone();
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
      INDArray paramsView, boolean initializeParams, DataType dataType) {
    return LayerWiring.wire(new BnActLayer(conf, dataType), conf, listeners, index, paramsView, initializeParams,
        initializer());
  }

  @Override
  public ParamInitializer initializer() {
    return super.initializer();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BnAct && super.equals(o) && ((BnAct) o).act == act;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + act.hashCode();
  }

  @Override
  public String toString() {
    return "BnAct(" + getNOut() + ", " + act + ")";
  }
}
