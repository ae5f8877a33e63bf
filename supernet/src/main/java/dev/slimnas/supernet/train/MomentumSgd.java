package dev.slimnas.supernet.train;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * SGD with heavy-ball momentum as PyTorch's {@code torch.optim.SGD} defines it (DL4J has only plain SGD
 * and Nesterov): {@code v = momentum * v + g; w -= lr * v}. The state is {@code v} (one value per
 * parameter, initially 0). Serialised in DL4J's configuration JSON by its shaded Jackson.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class MomentumSgd implements IUpdater {
  private static final long serialVersionUID = 1L;
  static final String V_STATE = "V";

  private double learningRate;
  private ISchedule learningRateSchedule;
  private final double momentum;

  /** Learning rate from {@code schedule}. */
  public MomentumSgd(ISchedule schedule, double momentum) {
    this(Double.NaN, Objects.requireNonNull(schedule, "schedule"), momentum);
  }

  /** Fixed learning rate. */
  public MomentumSgd(double learningRate, double momentum) {
    this(learningRate, null, momentum);
  }

  @JsonCreator
  MomentumSgd(@JsonProperty("learningRate") double learningRate,
      @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule, @JsonProperty("momentum") double momentum) {
    Checks.inRange("momentum", momentum, 0, 1);
    this.learningRate = learningRate;
    this.learningRateSchedule = learningRateSchedule;
    this.momentum = momentum;
  }

  public double momentum() {
    return momentum;
  }

  @Override
  public long stateSize(long numParams) {
    return numParams;
  }

  @Override
  public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
    INDArray v = viewArray.reshape(viewArray.length());
    if (initializeViewArray) {
      v.assign(0);
    }
    return new Updater(this, v);
  }

  @Override
  public GradientUpdater instantiate(Map<String, INDArray> state, boolean initializeStateArrays) {
    Updater u = new Updater(this, null);
    u.setState(state, initializeStateArrays);
    return u;
  }

  @Override
  public MomentumSgd clone() {
    return new MomentumSgd(learningRate, learningRateSchedule == null ? null : learningRateSchedule.clone(), momentum);
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
    return o instanceof MomentumSgd m && Double.compare(m.learningRate, learningRate) == 0
        && Objects.equals(m.learningRateSchedule, learningRateSchedule) && m.momentum == momentum;
  }

  @Override
  public int hashCode() {
    return Objects.hash(learningRate, learningRateSchedule, momentum);
  }

  @Override
  public String toString() {
    return "MomentumSgd[lr=" + (learningRateSchedule != null ? learningRateSchedule : learningRate) + ", momentum=" + momentum + "]";
  }

  /** The per-block state and step. */
  static final class Updater implements GradientUpdater<MomentumSgd> {
    private final MomentumSgd config;
    private INDArray v;

    Updater(MomentumSgd config, INDArray v) {
      this.config = config;
      this.v = v;
    }

    @Override
    public MomentumSgd getConfig() {
      return config;
    }

    @Override
    public void setState(Map<String, INDArray> state, boolean initialize) {
      if (!state.containsKey(V_STATE) || state.size() != 1) {
        throw new IllegalStateException("state map should hold only [" + V_STATE + "], has " + state.keySet());
      }
      v = state.get(V_STATE);
      if (initialize) {
        v.assign(0);
      }
    }

    @Override
    public Map<String, INDArray> getState() {
      return Map.of(V_STATE, v);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
      v = viewArray.reshape(viewArray.length());
      if (initialize) {
        v.assign(0);
      }
    }

    /** Turns {@code gradient} (1-D view) into the step DL4J subtracts from the parameters. */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
      double lr = config.getLearningRate(iteration, epoch);
      INDArray g = gradient.reshape(v.shape());
      v.muli(config.momentum).addi(g);
      g.assign(v).muli(lr);
      if (g != gradient) {
        gradient.assign(g.reshape(gradient.shape()));
      }
    }
  }
}
