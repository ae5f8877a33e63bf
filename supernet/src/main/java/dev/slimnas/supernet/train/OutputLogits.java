package dev.slimnas.supernet.train;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The logits of a classifier's forward pass, computed from the activations DL4J hands to listeners:
 * the input of the softmax output layer times its weights plus bias (classifier dropout, if any, not
 * applied). {@link #of} checks that the network ends in one dense softmax + MCXENT output layer.
 */
public final class OutputLogits {
  private final ComputationGraph graph;
  private final String output;
  private final String input;

  private OutputLogits(ComputationGraph graph, String output, String input) {
    this.graph = graph;
    this.output = output;
    this.input = input;
  }

  /** Checks the output layer of {@code graph}; throws naming what it found otherwise. */
  public static OutputLogits of(ComputationGraph graph) {
    List<String> outputs = graph.getConfiguration().getNetworkOutputs();
    if (outputs.size() != 1) {
      throw new IllegalArgumentException("the trainer needs a network with one output, this one has " + outputs);
    }
    String out = outputs.get(0);
    Object conf = graph.getVertex(out) != null && graph.getVertex(out).hasLayer()
        ? graph.getVertex(out).getLayer().conf().getLayer() : null;
    if (!(conf instanceof org.deeplearning4j.nn.conf.layers.OutputLayer o)
        || !(o.getActivationFn() instanceof ActivationSoftmax) || !(o.getLossFn() instanceof LossMCXENT)) {
      throw new IllegalArgumentException("the trainer needs a dense softmax output layer with MCXENT loss; output '" + out + "' is "
          + (conf == null ? "not a layer" : describe(conf)));
    }
    List<String> in = graph.getConfiguration().getVertexInputs().get(out);
    if (in == null || in.size() != 1) {
      throw new IllegalArgumentException("output layer '" + out + "' must have one input, has " + in);
    }
    return new OutputLogits(graph, out, in.get(0));
  }

  private static String describe(Object conf) {
    if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer o) {
      return "a " + conf.getClass().getSimpleName() + " with " + o.getActivationFn() + " and " + o.getLossFn();
    }
    return "a " + conf.getClass().getSimpleName();
  }

  /** The logits [batch, classes] (a new array outside any workspace), or null when the output layer's input is absent. */
  public INDArray compute(Map<String, INDArray> activations) {
    INDArray a = activations.get(input);
    if (a == null) {
      return null;
    }
    INDArray x = a.rank() == 2 ? a : a.reshape('c', a.size(0), a.length() / a.size(0));
    INDArray w = graph.getParam(output + "_W");
    INDArray b = graph.getParam(output + "_b");
    return x.castTo(w.dataType()).mmul(w).addiRowVector(b);
  }

  /** The name of the layer whose activations feed the output layer. */
  public String input() {
    return input;
  }
}
