package dev.slimnas.supernet.train;

import dev.slimnas.supernet.data.Batch;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Loss and accuracy from the training step's own forward pass, without a second pass: a DL4J listener
 * that receives the activations of the forward pass inside {@code fit}, takes the input of the softmax
 * output layer and computes the logits {@code x W + b} itself (classifier dropout, if any, is not
 * applied here). Also checks that the network ends in one softmax + MCXENT output layer, which label
 * smoothing needs.
 */
final class Classifier extends BaseTrainingListener {
  private final OutputLogits output;
  private float[][] logits;

  /** Per-batch statistics: mean loss against the targets and number of correct arg-max predictions. */
  record Stats(double loss, long correct) {}

  private Classifier(OutputLogits output) {
    this.output = output;
  }

  /** Checks the output layer of {@code graph} and returns a probe for it (not yet attached). */
  static Classifier of(ComputationGraph graph) {
    return new Classifier(OutputLogits.of(graph));
  }

  @Override
  public void onForwardPass(Model model, Map<String, INDArray> activations) {
    INDArray z = output.compute(activations);
    if (z != null) {
      logits = z.toFloatMatrix();
    }
  }

  /** Statistics of the forward pass of the last {@code fit} against {@code targets}; clears them. */
  Stats take(Batch batch, float[] targets) {
    float[][] z = logits;
    logits = null;
    if (z == null || z.length != batch.size()) {
      throw new IllegalStateException("no forward-pass activations of layer '" + output.input() + "' were seen for batch " + batch.index()
          + " of epoch " + batch.epoch());
    }
    int k = batch.numClasses();
    double lossSum = 0;
    long correct = 0;
    for (int i = 0; i < z.length; i++) {
      float[] row = z[i];
      int best = Evaluator.argMax(row);
      double max = row[best];
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(row[c] - max);
      }
      double lse = max + Math.log(sum);
      for (int c = 0; c < k; c++) {
        lossSum -= targets[i * k + c] * (row[c] - lse);
      }
      if (best == batch.labels()[i]) {
        correct++;
      }
    }
    return new Stats(lossSum / z.length, correct);
  }

  /** Label-smoothed one-hot targets {@code y * (1 - eps) + eps / K}, row-major {@code [size, K]}. */
  static float[] targets(Batch batch, double eps) {
    float[] y = batch.oneHot();
    if (eps > 0) {
      float off = (float) (eps / batch.numClasses());
      float scale = (float) (1 - eps);
      for (int i = 0; i < y.length; i++) {
        y[i] = y[i] * scale + off;
      }
    }
    return y;
  }
}
