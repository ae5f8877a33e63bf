package dev.slimnas.supernet.train;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The optimizer of a training run. In JSON an object with a {@code "type"}: {@code "sgd"} or
 * {@code "rmsprop"}. {@link #lr()} is the peak learning rate; the {@link LrSchedule} scales it per step.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Optimizer.Sgd.class, name = "sgd"),
    @JsonSubTypes.Type(value = Optimizer.RmsProp.class, name = "rmsprop"),
    @JsonSubTypes.Type(value = Optimizer.Adam.class, name = "adam")})
public sealed interface Optimizer permits Optimizer.Sgd, Optimizer.RmsProp, Optimizer.Adam {

  /** Peak learning rate (reached at the end of the warm-up). */
  double lr();

  /** The same optimizer with another peak learning rate. */
  Optimizer withLr(double lr);

  /** The DL4J updater of this optimizer, its learning rate following {@code lr}. */
  IUpdater updater(ISchedule lr);

  /**
   * Stochastic gradient descent with momentum: Nesterov (DL4J's {@link Nesterovs}) or, when
   * {@code nesterov} is false, heavy-ball momentum as in PyTorch ({@link MomentumSgd}).
   *
   * @param lr peak learning rate, > 0
   * @param momentum in [0, 1)
   * @param nesterov Nesterov's accelerated gradient instead of heavy-ball momentum
   */
  record Sgd(double lr, double momentum, boolean nesterov) implements Optimizer {
    public Sgd {
      Checks.positive("optimizer.lr", lr);
      Checks.inRange("optimizer.momentum", momentum, 0, 1);
    }

    @Override
    public Sgd withLr(double newLr) {
      return new Sgd(newLr, momentum, nesterov);
    }

    @Override
    public IUpdater updater(ISchedule schedule) {
      return nesterov ? new Nesterovs(schedule, momentum) : new MomentumSgd(schedule, momentum);
    }
  }

  /**
   * RMSProp as TensorFlow 1 defines it (used by MnasNet and Single-Path NAS: decay 0.9, momentum 0.9,
   * epsilon 1e-3): mean square initialised to 1, epsilon inside the square root, optional momentum.
   * See {@link RmsPropTf}.
   *
   * @param lr peak learning rate, > 0
   * @param decay decay of the mean square, in [0, 1)
   * @param epsilon added to the mean square before the square root, > 0
   * @param momentum in [0, 1)
   */
  record RmsProp(double lr, double decay, double epsilon, double momentum) implements Optimizer {
    public RmsProp {
      Checks.positive("optimizer.lr", lr);
      Checks.inRange("optimizer.decay", decay, 0, 1);
      Checks.positive("optimizer.epsilon", epsilon);
      Checks.inRange("optimizer.momentum", momentum, 0, 1);
    }

    @Override
    public RmsProp withLr(double newLr) {
      return new RmsProp(newLr, decay, epsilon, momentum);
    }

    @Override
    public IUpdater updater(ISchedule schedule) {
      return new RmsPropTf(schedule, decay, epsilon, momentum);
    }
  }

  /**
   * Adam (DL4J's {@link org.nd4j.linalg.learning.config.Adam}): steps of about {@code lr} whatever the
   * gradient's scale, which is what the search's thresholds need (their gradients are 1e-4 to 1e-2).
   *
   * @param lr peak learning rate, > 0
   * @param beta1 first-moment decay, in [0, 1)
   * @param beta2 second-moment decay, in [0, 1)
   * @param epsilon > 0
   */
  record Adam(double lr, double beta1, double beta2, double epsilon) implements Optimizer {
    public Adam {
      Checks.positive("optimizer.lr", lr);
      Checks.inRange("optimizer.beta1", beta1, 0, 1);
      Checks.inRange("optimizer.beta2", beta2, 0, 1);
      Checks.positive("optimizer.epsilon", epsilon);
    }

    /** Adam with the usual betas (0.9, 0.999) and epsilon 1e-8. */
    public static Adam of(double lr) {
      return new Adam(lr, 0.9, 0.999, 1e-8);
    }

    @Override
    public Adam withLr(double newLr) {
      return new Adam(newLr, beta1, beta2, epsilon);
    }

    @Override
    public IUpdater updater(ISchedule schedule) {
      return org.nd4j.linalg.learning.config.Adam.builder().learningRateSchedule(schedule).beta1(beta1).beta2(beta2)
          .epsilon(epsilon).build();
    }
  }
}
