package dev.slimnas.supernet.single;

import dev.slimnas.supernet.layers.LayerWiring;
import dev.slimnas.supernet.layers.PointwiseActivation;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Configuration of a searchable single-path MBConv block after its expansion conv (Single-Path NAS,
 * arXiv:1904.02877; searchable SE from arXiv:1907.00959): it takes the expanded map [N, C, H, W]
 * (C = hidden width at expansion 6, even) and returns the projected output [N, Cout, H/s, W/s] of
 * whichever op its indicators select: 5x5/3x3 depthwise superkernel, batch norm + activation, channel
 * mask (first half = expansion 3), optional searchable squeeze-and-excitation, 1x1 projection + batch
 * norm, all times the keep indicator. The residual add stays outside. See {@link SinglePathLayer} for
 * the computation, {@link SinglePathParams} for the parameters, {@link Superkernel} for the indicators.
 *
 * <p>{@code nIn} is C, {@code nOut} is Cout; {@code seChannels} 0 means no SE path.
 */
public class SinglePathBlock extends FeedForwardLayer {
  private int stride = 1;
  private boolean skippable;
  private int seChannels;
  private PointwiseActivation act = PointwiseActivation.RELU;
  private double decay = 0.9;
  private double eps = 1e-5;
  private double indicatorDropout;
  private double temperature = 1;
  private Relaxation relaxation = Relaxation.HARD;
  private IUpdater thresholdUpdater;
  private boolean tied;
  private int projectionIn;

  /** For DL4J's JSON reader; use {@link #builder}. */
  public SinglePathBlock() {
    super();
  }

  /** A block from a C-channel expanded map (C even) to {@code out} channels. */
  public static Builder builder(int hidden, int out) {
    return new Builder(hidden, out);
  }

  public int getStride() {
    return stride;
  }

  public void setStride(int stride) {
    this.stride = stride;
  }

  public boolean isSkippable() {
    return skippable;
  }

  public void setSkippable(boolean skippable) {
    this.skippable = skippable;
  }

  public int getSeChannels() {
    return seChannels;
  }

  public void setSeChannels(int seChannels) {
    this.seChannels = seChannels;
  }

  public PointwiseActivation getAct() {
    return act;
  }

  public void setAct(PointwiseActivation act) {
    this.act = act;
  }

  public double getDecay() {
    return decay;
  }

  public void setDecay(double decay) {
    this.decay = decay;
  }

  public double getEps() {
    return eps;
  }

  public void setEps(double eps) {
    this.eps = eps;
  }

  public double getIndicatorDropout() {
    return indicatorDropout;
  }

  public void setIndicatorDropout(double indicatorDropout) {
    if (!(indicatorDropout >= 0 && indicatorDropout <= 1)) {
      throw new IllegalArgumentException("indicator dropout must be in [0, 1], got " + indicatorDropout);
    }
    this.indicatorDropout = indicatorDropout;
  }

  public double getTemperature() {
    return temperature;
  }

  public void setTemperature(double temperature) {
    this.temperature = temperature;
  }

  public Relaxation getRelaxation() {
    return relaxation;
  }

  public void setRelaxation(Relaxation relaxation) {
    this.relaxation = relaxation;
  }

  /** The updater of the thresholds, or null for the layer's own (the weights') updater. */
  public IUpdater getThresholdUpdater() {
    return thresholdUpdater;
  }

  public void setThresholdUpdater(IUpdater thresholdUpdater) {
    this.thresholdUpdater = thresholdUpdater;
  }

  /** True when kernel and expansion are one decision (ops k3e3 / k5e6 only); see {@link Superkernel}. */
  public boolean isTied() {
    return tied;
  }

  public void setTied(boolean tied) {
    this.tied = tied;
  }

  /**
   * Input width of the projection skip (the block input's channels), 0 without one. With a projection the
   * layer's input is the expanded map [C] followed by the block input [Cin] along channels, and a dropped
   * block outputs {@code proj(x)} = BN(1x1 conv at the stride) instead of 0.
   */
  public int getProjectionIn() {
    return projectionIn;
  }

  public void setProjectionIn(int projectionIn) {
    this.projectionIn = projectionIn;
  }

  @Override
  public SinglePathBlock clone() {
    return (SinglePathBlock) super.clone();
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    return LayerWiring.wire(new SinglePathLayer(conf, dataType), conf, listeners, index, paramsView, initializeParams,
        initializer());
  }

  @Override
  public ParamInitializer initializer() {
    return SinglePathParams.getInstance();
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    InputType.InputTypeConvolutional in = convolutional(inputType);
    return InputType.convolutional((in.getHeight() + stride - 1) / stride, (in.getWidth() + stride - 1) / stride,
        nOut, in.getFormat());
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {
    if (nIn <= 0 || override) {
      nIn = convolutional(inputType).getChannels() - projectionIn;
    }
  }

  private InputType.InputTypeConvolutional convolutional(InputType t) {
    if (t == null || t.getType() != InputType.Type.CNN) {
      throw new IllegalStateException("SinglePathBlock " + getLayerName() + " needs a CNN (NCHW) input, got " + t);
    }
    return (InputType.InputTypeConvolutional) t;
  }

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    convolutional(inputType);
    return null;
  }

  @Override
  public IUpdater getUpdaterByParam(String paramName) {
    if (SinglePathParams.isStatistic(paramName)) {
      return new NoOp();
    }
    if (thresholdUpdater != null && SinglePathParams.THRESHOLDS.equals(paramName)) {
      return thresholdUpdater;
    }
    return super.getUpdaterByParam(paramName);
  }

  @Override
  public List<Regularization> getRegularizationByParam(String paramName) {
    if (initializer().isWeightParam(this, paramName)) {
      return getRegularization();
    }
    if (initializer().isBiasParam(this, paramName)) {
      return getRegularizationBias();
    }
    return null;
  }

  @Override
  public boolean isPretrainParam(String paramName) {
    return false;
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    InputType out = getOutputType(-1, inputType);
    long params = initializer().numParams(this);
    return new LayerMemoryReport.Builder(layerName, SinglePathBlock.class, inputType, out)
        .standardMemory(params, 0)
        .workingMemory(0, 0, 0, 4 * inputType.arrayElementsPerExample())
        .cacheMemory(0, 0)
        .build();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SinglePathBlock) || !super.equals(o)) {
      return false;
    }
    SinglePathBlock b = (SinglePathBlock) o;
    return stride == b.stride && skippable == b.skippable && seChannels == b.seChannels && act == b.act
        && decay == b.decay && eps == b.eps && indicatorDropout == b.indicatorDropout && temperature == b.temperature
        && relaxation == b.relaxation && Objects.equals(thresholdUpdater, b.thresholdUpdater) && tied == b.tied
        && projectionIn == b.projectionIn;
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), stride, skippable, seChannels, act, decay, eps, indicatorDropout, temperature,
        relaxation, thresholdUpdater, tied, projectionIn);
  }

  @Override
  public String toString() {
    return "SinglePathBlock(" + nIn + " -> " + nOut + ", stride " + stride + (skippable ? ", skippable" : "")
        + (seChannels > 0 ? ", se " + seChannels : "") + (tied ? ", tied" : "")
        + (projectionIn > 0 ? ", proj from " + projectionIn : "") + ", " + act + ")";
  }

  /** Fluent settings of a {@link SinglePathBlock}; required widths in {@link SinglePathBlock#builder}. */
  public static final class Builder {
    private final SinglePathBlock b = new SinglePathBlock();

    private Builder(int hidden, int out) {
      if (hidden < 2 || hidden % 2 != 0) {
        throw new IllegalArgumentException("hidden width must be even and >= 2 (first half = expansion 3), got "
            + hidden);
      }
      if (out < 1) {
        throw new IllegalArgumentException("output width must be >= 1, got " + out);
      }
      b.setNIn(hidden);
      b.setNOut(out);
    }

    public Builder stride(int s) {
      if (s < 1) {
        throw new IllegalArgumentException("stride must be >= 1, got " + s);
      }
      b.stride = s;
      return this;
    }

    /** Whether the block may be skipped (keep searchable); otherwise keep is forced to 1. */
    public Builder skippable(boolean s) {
      b.skippable = s;
      return this;
    }

    /** Kernel and expansion as one decision (ops k3e3 / k5e6 only); default false (independent). */
    public Builder tied(boolean t) {
      b.tied = t;
      return this;
    }

    /**
     * A projection skip from a {@code in}-channel block input (the layer then reads [expanded map, block
     * input] concatenated along channels); 0 (default): none, a dropped block outputs 0.
     */
    public Builder projection(int in) {
      if (in < 0) {
        throw new IllegalArgumentException("projection input width must be >= 0, got " + in);
      }
      b.projectionIn = in;
      return this;
    }

    /** Width of the SE reduce conv; 0 (default) for a block without a searchable SE path. */
    public Builder seChannels(int r) {
      if (r < 0) {
        throw new IllegalArgumentException("seChannels must be >= 0, got " + r);
      }
      b.seChannels = r;
      return this;
    }

    public Builder activation(PointwiseActivation a) {
      if (a == PointwiseActivation.IDENTITY) {
        throw new IllegalArgumentException("the hidden activation must be RELU or RELU6");
      }
      b.act = Objects.requireNonNull(a, "activation");
      return this;
    }

    /** DL4J's BN decay (running = decay * running + (1 - decay) * batch); default 0.9. */
    public Builder bnDecay(double d) {
      if (!(d > 0 && d < 1)) {
        throw new IllegalArgumentException("bnDecay must be in (0, 1), got " + d);
      }
      b.decay = d;
      return this;
    }

    public Builder bnEps(double e) {
      if (!(e > 0)) {
        throw new IllegalArgumentException("bnEps must be > 0, got " + e);
      }
      b.eps = e;
      return this;
    }

    /** Probability of dropping each indicator in a training pass (0.4 in the published warm-up). */
    public Builder indicatorDropout(double rate) {
      b.setIndicatorDropout(rate);
      return this;
    }

    /** T in sigmoid(T (norm - threshold)); 1 (default) is the published plain sigmoid. */
    public Builder temperature(double t) {
      if (!(t > 0) || Double.isInfinite(t)) {
        throw new IllegalArgumentException("temperature must be positive and finite, got " + t);
      }
      b.temperature = t;
      return this;
    }

    public Builder relaxation(Relaxation r) {
      b.relaxation = Objects.requireNonNull(r, "relaxation");
      return this;
    }

    /** A separate updater for the thresholds (e.g. Adam while the weights use SGD); null: the weights' updater. */
    public Builder thresholdUpdater(IUpdater u) {
      b.thresholdUpdater = u;
      return this;
    }

    public SinglePathBlock build() {
      return b.clone();
    }
  }
}
