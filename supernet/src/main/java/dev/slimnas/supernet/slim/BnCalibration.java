package dev.slimnas.supernet.slim;

import dev.slimnas.supernet.data.Batch;
import dev.slimnas.supernet.data.BatchIterator;
import dev.slimnas.supernet.data.BatchSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BN recalibration of a sub-network: the running statistics of a slimmable network's shared BN layers
 * fit no particular width, so before a sub-network is evaluated its statistics are replaced by the
 * cumulative average of its own training-mode batch statistics over some training batches (US-Nets;
 * PyTorch's {@code momentum=None}). Mean: the average of the batch means; variance: the average of the
 * unbiased batch variances, as DL4J's and PyTorch's running variance.
 */
public final class BnCalibration {
  private BnCalibration() {}

  /**
   * Overwrites the running mean and variance of every BN layer of {@code graph} from training-mode
   * forward passes over {@code inputs}; returns the number of BN layers recalibrated.
   */
  public static int recalibrate(ComputationGraph graph, List<INDArray> inputs) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("BN recalibration needs at least one batch");
    }
    Map<String, String> bnInputs = bnLayers(graph);
    Map<String, INDArray> meanSum = new LinkedHashMap<>();
    Map<String, INDArray> varSum = new LinkedHashMap<>();
    for (INDArray x : inputs) {
      Map<String, INDArray> acts = graph.feedForward(new INDArray[] {x}, true, true);
      for (Map.Entry<String, String> e : bnInputs.entrySet()) {
        INDArray a = acts.get(e.getValue());
        if (a == null || a.rank() != 4) {
          throw new IllegalStateException("BN layer " + e.getKey() + ": no 4-d activation of its input " + e.getValue());
        }
        long n = a.size(0) * a.size(2) * a.size(3);
        INDArray mean = a.mean(0, 2, 3);
        INDArray var = a.var(false, 0, 2, 3).muli((double) n / Math.max(1, n - 1));
        meanSum.merge(e.getKey(), mean, INDArray::addi);
        varSum.merge(e.getKey(), var, INDArray::addi);
      }
    }
    for (String bn : bnInputs.keySet()) {
      INDArray m = graph.getParam(bn + "_" + BatchNormalizationParamInitializer.GLOBAL_MEAN);
      INDArray v = graph.getParam(bn + "_" + BatchNormalizationParamInitializer.GLOBAL_VAR);
      m.assign(meanSum.get(bn).divi(inputs.size()).reshape(m.shape()).castTo(m.dataType()));
      v.assign(varSum.get(bn).divi(inputs.size()).reshape(v.shape()).castTo(v.dataType()));
    }
    graph.clear();
    return bnInputs.size();
  }

  /**
   * The recalibration inputs: the first {@code batches} batches of epoch 0 of {@code source}, as arrays of
   * {@code dataType} (the same ones for every sub-network).
   */
  public static List<INDArray> inputs(BatchSource source, int batches, DataType dataType) {
    if (batches < 1 || batches > source.batchesPerEpoch()) {
      throw new IllegalArgumentException("calibration batches must be in 1.." + source.batchesPerEpoch() + ", got " + batches);
    }
    List<INDArray> xs = new ArrayList<>();
    try (BatchIterator it = source.epoch(0, 0)) {
      while (it.hasNext() && xs.size() < batches) {
        Batch b = it.next();
        xs.add(Nd4j.create(b.features(), b.shape(), 'c').castTo(dataType));
      }
    }
    return List.copyOf(xs);
  }

  /** BN layer name -> name of the vertex feeding it. */
  private static Map<String, String> bnLayers(ComputationGraph graph) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (GraphVertex v : graph.getVertices()) {
      if (v.hasLayer() && v.getLayer().conf().getLayer() instanceof BatchNormalization) {
        List<String> in = graph.getConfiguration().getVertexInputs().get(v.getVertexName());
        if (in == null || in.size() != 1) {
          missing.add(v.getVertexName());
        } else {
          out.put(v.getVertexName(), in.get(0));
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("BN layers without a single input: " + missing);
    }
    return out;
  }
}
