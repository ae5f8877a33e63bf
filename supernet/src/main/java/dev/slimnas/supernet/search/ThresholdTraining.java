package dev.slimnas.supernet.search;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.slimnas.supernet.train.Optimizer;
import java.util.Objects;

/** How a search trains the thresholds of the searchable blocks. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ThresholdTraining.WithWeights.class, name = "with-weights"),
    @JsonSubTypes.Type(value = ThresholdTraining.Own.class, name = "own")})
public sealed interface ThresholdTraining permits ThresholdTraining.WithWeights, ThresholdTraining.Own {

  /** With the weights' optimizer and learning-rate schedule, warm-up included (as published). */
  record WithWeights() implements ThresholdTraining {}

  /**
   * With their own optimizer at a constant learning rate that is 0 during the warm-up, so the thresholds
   * move only once the latency term is on (e.g. Adam, whose steps do not depend on the tiny scale of the
   * thresholds' gradients, while the weights use SGD).
   */
  record Own(Optimizer optimizer) implements ThresholdTraining {
    public Own {
      Objects.requireNonNull(optimizer, "optimizer");
    }
  }
}
