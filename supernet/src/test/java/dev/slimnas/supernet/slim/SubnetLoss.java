package dev.slimnas.supernet.slim;

import dev.slimnas.space.spec.ArchSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A sub-network's loss as a function of the FULL network's parameters, for finite-difference checks. */
final class SubnetLoss {
  private SubnetLoss() {}

  /** Central difference of the loss of {@code arch} (weights copied from {@code full}) w.r.t. one full parameter. */
  static double finiteDifference(ComputationGraph full, SubnetCache cache, ArchSpec arch, INDArray x, INDArray y, String key,
      long[] idx, double h) {
    INDArray p = full.getParam(key);
    double v = p.getDouble(idx);
    p.putScalar(idx, v + h);
    double plus = score(cache.withWeightsOf(full, arch), x, y);
    p.putScalar(idx, v - h);
    double minus = score(cache.withWeightsOf(full, arch), x, y);
    p.putScalar(idx, v);
    return (plus - minus) / (2 * h);
  }

  /** Loss and gradients in training mode; the classifier's dropout mask is the same on every call. */
  static double score(ComputationGraph g, INDArray x, INDArray y) {
    Nd4j.getRandom().setSeed(77);
    g.setInputs(x);
    g.setLabels(y);
    g.computeGradientAndScore();
    return g.score();
  }
}
