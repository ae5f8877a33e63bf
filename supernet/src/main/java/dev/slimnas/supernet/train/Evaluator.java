package dev.slimnas.supernet.train;

import dev.slimnas.supernet.data.Batch;
import dev.slimnas.supernet.data.BatchIterator;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a single-input, single-output classifier in inference mode (BN running statistics, no dropout)
 * over every batch of epoch 0 of an evaluation {@link BatchSource}: mean cross-entropy against the hard
 * labels, top-1 accuracy and throughput.
 */
public final class Evaluator {
  /** Probabilities are clamped to this before the logarithm, so a confident mistake costs at most ~69. */
  static final double MIN_PROBABILITY = 1e-30;

  private Evaluator() {}

  public static EvalResult evaluate(ComputationGraph graph, BatchSource source) {
    Nd4jSetup.ensure();
    long start = System.nanoTime();
    double lossSum = 0;
    long correct = 0;
    long images = 0;
    DataType dataType = graph.getConfiguration().getDataType();
    try (BatchIterator it = source.epoch(0, 0)) {
      while (it.hasNext()) {
        Batch b = it.next();
        INDArray x = Nd4j.create(b.features(), b.shape(), 'c').castTo(dataType);
        float[][] p = graph.outputSingle(false, x).toFloatMatrix();
        if (p.length != b.size() || p[0].length != b.numClasses()) {
          throw new IllegalArgumentException("network output has shape [" + p.length + ", " + p[0].length + "], data has "
              + b.size() + " images of " + b.numClasses() + " classes (" + source.data().source() + ")");
        }
        for (int i = 0; i < p.length; i++) {
          int label = b.labels()[i];
          lossSum -= Math.log(Math.max(p[i][label], MIN_PROBABILITY));
          if (argMax(p[i]) == label) {
            correct++;
          }
        }
        images += b.size();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new EvalResult(lossSum / images, (double) correct / images, images, seconds > 0 ? images / seconds : 0);
  }

  static int argMax(float[] v) {
    int best = 0;
    for (int c = 1; c < v.length; c++) {
      if (v[c] > v[best]) {
        best = c;
      }
    }
    return best;
  }
}
