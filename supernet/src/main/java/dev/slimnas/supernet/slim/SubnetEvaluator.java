package dev.slimnas.supernet.slim;

import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.train.EvalResult;
import dev.slimnas.supernet.train.Evaluator;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Accuracy of a sub-network of a slimmable model: its graph with the shared weights' prefix slices,
 * BN statistics recalibrated on a fixed set of training batches, then evaluated on held-out data
 * (the validation split during search; the test set only for final reports).
 */
public final class SubnetEvaluator {
  private final SubnetCache cache;
  private final List<INDArray> calibration;
  private final BatchSource evaluation;

  /**
   * @param calibration training batches for BN recalibration (the same ones for every sub-network:
   *     epoch 0, first {@code calibrationBatches} batches of the source)
   * @param evaluation data the accuracy is measured on
   */
  public SubnetEvaluator(SubnetCache cache, BatchSource calibration, int calibrationBatches, BatchSource evaluation,
      DataType dataType) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
    this.calibration = BnCalibration.inputs(calibration, calibrationBatches, dataType);
  }

  /** The sub-network {@code arch} of {@code full}: recalibrated and evaluated. */
  public EvalResult evaluate(ComputationGraph full, ArchSpec arch) {
    ComputationGraph g = cache.withWeightsOf(full, arch);
    BnCalibration.recalibrate(g, calibration);
    return Evaluator.evaluate(g, evaluation);
  }

}
