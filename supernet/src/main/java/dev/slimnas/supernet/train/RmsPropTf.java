package dev.slimnas.supernet.train;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * RMSProp with momentum as TensorFlow 1's {@code RMSPropOptimizer} defines it, the optimizer of the
 * MnasNet and Single-Path NAS reference code (DL4J's RmsProp has no momentum and puts epsilon outside
 * the square root): {@code ms = decay * ms + (1 - decay) * g^2; mom = momentum * mom + lr * g /
 * sqrt(ms + epsilon); w -= mom}, with {@code ms} starting at 1 and {@code mom} at 0. State: {@code ms}
 * then {@code mom}, one value each per parameter.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class RmsPropTf implements IUpdater {
  private static final long serialVersionUID = 1L;
  static final String MS_STATE = "MS";
  static final String MOM_STATE = "MOM";

  private double learningRate;
  private ISchedule learningRateSchedule;
  private final double decay;
  private final double epsilon;
  private final double momentum;

  /** Learning rate from {@code schedule}. */
  public RmsPropTf(ISchedule schedule, double decay, double epsilon, double momentum) {
    this(Double.NaN, Objects.requireNonNull(schedule, "schedule"), decay, epsilon, momentum);
  }

  /** Fixed learning rate. */
  public RmsPropTf(double learningRate, double decay, double epsilon, double momentum) {
    this(learningRate, null, decay, epsilon, momentum);
  }

  @JsonCreator
  RmsPropTf(@JsonProperty("learningRate") double learningRate, @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
      @JsonProperty("decay") double decay, @JsonProperty("epsilon") double epsilon, @JsonProperty("momentum") double momentum) {
    Checks.inRange("decay", decay, 0, 1);
    Checks.positive("epsilon", epsilon);
    Checks.inRange("momentum", momentum, 0, 1);
    this.learningRate = learningRate;
    this.learningRateSchedule = learningRateSchedule;
    this.decay = decay;
    this.epsilon = epsilon;
    this.momentum = momentum;
  }

  @Override
  public long stateSize(long numParams) {
    return 2 * numParams;
  }

  @Override
  public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
    Updater u = new Updater(this);
    u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
    return u;
  }

  @Override
  public GradientUpdater instantiate(Map<String, INDArray> state, boolean initializeStateArrays) {
    Updater u = new Updater(this);
    u.setState(state, initializeStateArrays);
    return u;
  }

  @Override
  public RmsPropTf clone() {
    return new RmsPropTf(learningRate, learningRateSchedule == null ? null : learningRateSchedule.clone(), decay, epsilon, momentum);
  }

  @Override
  public double getLearningRate(int iteration, int epoch) {
    return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
  }

  @Override
  public boolean hasLearningRate() {
    return true;
  }

  @Override
  public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
    this.learningRate = lr;
    this.learningRateSchedule = lrSchedule;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RmsPropTf r && Double.compare(r.learningRate, learningRate) == 0
        && Objects.equals(r.learningRateSchedule, learningRateSchedule)
        && r.decay == decay && r.epsilon == epsilon && r.momentum == momentum;
  }

  @Override
  public int hashCode() {
    return Objects.hash(learningRate, learningRateSchedule, decay, epsilon, momentum);
  }

  @Override
  public String toString() {
    return "RmsPropTf[lr=" + (learningRateSchedule != null ? learningRateSchedule : learningRate) + ", decay=" + decay
        + ", epsilon=" + epsilon + ", momentum=" + momentum + "]";
  }

  /** The per-block state and step. */
  static final class Updater implements GradientUpdater<RmsPropTf> {
    private final RmsPropTf config;
    private INDArray ms;
    private INDArray mom;

    Updater(RmsPropTf config) {
      this.config = config;
    }

    @Override
    public RmsPropTf getConfig() {
      return config;
    }

    @Override
    public void setState(Map<String, INDArray> state, boolean initialize) {
      if (!state.containsKey(MS_STATE) || !state.containsKey(MOM_STATE) || state.size() != 2) {
        throw new IllegalStateException("state map should hold [" + MS_STATE + ", " + MOM_STATE + "], has " + state.keySet());
      }
      ms = state.get(MS_STATE);
      mom = state.get(MOM_STATE);
      if (initialize) {
        ms.assign(1);
        mom.assign(0);
      }
    }

    @Override
    public Map<String, INDArray> getState() {
      return Map.of(MS_STATE, ms, MOM_STATE, mom);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
      INDArray flat = viewArray.reshape(viewArray.length());
      long n = flat.length() / 2;
      ms = flat.get(NDArrayIndex.interval(0, n));
      mom = flat.get(NDArrayIndex.interval(n, 2 * n));
      if (initialize) {
        ms.assign(1);
        mom.assign(0);
      }
    }

    /** Turns {@code gradient} (1-D view) into the step DL4J subtracts from the parameters. */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
      double lr = config.getLearningRate(iteration, epoch);
      INDArray g = gradient.reshape(ms.shape());
      ms.muli(config.decay).addi(g.mul(g).muli(1 - config.decay));
      INDArray step = g.div(Transforms.sqrt(ms.add(config.epsilon), false)).muli(lr);
      mom.muli(config.momentum).addi(step);
      g.assign(mom);
      if (g != gradient) {
        gradient.assign(g.reshape(gradient.shape()));
      }
    }
  }
}
