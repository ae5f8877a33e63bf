package dev.slimnas.supernet.net;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * What a DL4J network needs besides its architecture: the seed of its weight initialisation, the
 * updater (optimizer with its learning-rate schedule, owned by the trainer), decoupled weight decay on
 * conv and dense weights, BN momentum, and the floating-point type.
 *
 * @param bnDecay DL4J's BN running-statistics decay (PyTorch momentum 0.1 is decay 0.9)
 */
public record NetSettings(long seed, IUpdater updater, double weightDecay, double bnDecay, DataType dataType) {
  public NetSettings {
    Objects.requireNonNull(updater, "updater");
    Objects.requireNonNull(dataType, "dataType");
    if (weightDecay < 0) {
      throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
    }
    if (!(bnDecay > 0 && bnDecay < 1)) {
      throw new IllegalArgumentException("bnDecay must be in (0, 1), got " + bnDecay);
    }
  }

  /** Float, SGD with Nesterov momentum 0.9 at lr 0.05, weight decay 4e-5, BN decay 0.9. */
  public static NetSettings defaults(long seed) {
    return new NetSettings(seed, new Nesterovs(0.05, 0.9), 4e-5, 0.9, DataType.FLOAT);
  }

  public NetSettings withUpdater(IUpdater u) {
    return new NetSettings(seed, u, weightDecay, bnDecay, dataType);
  }

  public NetSettings withWeightDecay(double wd) {
    return new NetSettings(seed, updater, wd, bnDecay, dataType);
  }

  public NetSettings withDataType(DataType t) {
    return new NetSettings(seed, updater, weightDecay, bnDecay, t);
  }
}
