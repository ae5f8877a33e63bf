package dev.slimnas.ort;

import dev.slimnas.supernet.data.Batch;
import dev.slimnas.supernet.data.BatchIterator;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.train.EvalResult;

/**
 * {@code supernet.train.Evaluator} for an ONNX model in ONNX Runtime: mean cross-entropy against the hard
 * labels (softmax applied here when the model outputs logits), top-1 accuracy and throughput over epoch 0
 * of an evaluation {@link BatchSource}.
 */
public final class OrtEvaluator {
  private static final double MIN_PROBABILITY = 1e-30;

  private OrtEvaluator() {}

  public static EvalResult evaluate(OrtModel model, BatchSource source) {
    int[] s = model.imageShape();
    var d = source.data();
    if (s[0] != d.channels() || s[1] != d.height() || s[2] != d.width()) {
      throw new OrtModel.ModelException(model.file() + ": the model takes " + s[0] + "x" + s[1] + "x" + s[2]
          + " images, the data set has " + d.channels() + "x" + d.height() + "x" + d.width());
    }
    long start = System.nanoTime();
    double lossSum = 0;
    long correct = 0;
    long images = 0;
    try (BatchIterator it = source.epoch(0, 0)) {
      while (it.hasNext()) {
        Batch b = it.next();
        float[][] out = model.run(b.features(), b.size());
        if (out.length != b.size() || out[0].length != b.numClasses()) {
          throw new OrtModel.ModelException(model.file() + ": output has shape [" + out.length + ", " + out[0].length
              + "], the data set has " + b.numClasses() + " classes");
        }
        for (int i = 0; i < out.length; i++) {
          double[] p = model.outputsLogits() ? softmax(out[i]) : toDouble(out[i]);
          int label = b.labels()[i];
          lossSum -= Math.log(Math.max(p[label], MIN_PROBABILITY));
          if (argMax(p) == label) {
            correct++;
          }
        }
        images += b.size();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new EvalResult(lossSum / images, (double) correct / images, images, seconds > 0 ? images / seconds : 0);
  }

  static double[] softmax(float[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) {
      max = Math.max(max, v);
    }
    double[] p = new double[z.length];
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < z.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  private static int argMax(double[] v) {
    int best = 0;
    for (int c = 1; c < v.length; c++) {
      if (v[c] > v[best]) {
        best = c;
      }
    }
    return best;
  }
}
