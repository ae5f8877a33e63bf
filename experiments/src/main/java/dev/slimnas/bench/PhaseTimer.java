package dev.slimnas.bench;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Cuts one real {@code fit} call into phases with the training-listener callbacks DL4J fires inside it:
 * forward pass done, backward pass done, gradient ready (before the updater), iteration done (after
 * the parameter step). CPU ops in ND4J are synchronous, so wall-clock stamps between callbacks are the
 * time of the work between them.
 */
final class PhaseTimer extends BaseTrainingListener {
  static final String FORWARD = "forward";
  static final String BACKWARD = "backward";
  static final String UPDATER = "updater";
  static final String OTHER = "other";

  private long start;
  private long forwardDone;
  private long backwardDone;
  private long gradientDone;
  private long iterationDone;

  void begin() {
    start = System.nanoTime();
    forwardDone = backwardDone = gradientDone = iterationDone = 0;
  }

  /** Adds this step's phase times (ns) to {@code sums}, in the order forward, backward, updater, other. */
  void end(long[] sums) {
    long end = System.nanoTime();
    if (forwardDone == 0 || backwardDone == 0 || gradientDone == 0 || iterationDone == 0) {
      throw new IllegalStateException("DL4J did not fire every training-listener callback during fit");
    }
    sums[0] += forwardDone - start;
    sums[1] += backwardDone - forwardDone;
    sums[2] += iterationDone - gradientDone;
    sums[3] += (gradientDone - backwardDone) + (end - iterationDone);
  }

  @Override
  public void onForwardPass(Model model, List<INDArray> activations) {
    forwardDone = System.nanoTime();
  }

  @Override
  public void onForwardPass(Model model, Map<String, INDArray> activations) {
    forwardDone = System.nanoTime();
  }

  @Override
  public void onBackwardPass(Model model) {
    backwardDone = System.nanoTime();
  }

  @Override
  public void onGradientCalculation(Model model) {
    gradientDone = System.nanoTime();
  }

  @Override
  public void iterationDone(Model model, int iteration, int epoch) {
    iterationDone = System.nanoTime();
  }
}
