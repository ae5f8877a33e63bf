package dev.slimnas.supernet.layers;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of the squeeze-and-excitation gate: multiplies a feature map {@code x [N,C,H,W]}
 * (first input) by per-example channel weights {@code g [N,C]} (second input), broadcast over H and W.
 * DL4J has no broadcasting multiply vertex, so this is one of the project's custom layers; its
 * gradient is checked by finite differences in the tests.
 */
public class ChannelScaleVertex extends GraphVertex {

  public ChannelScaleVertex() {
    // no settings; the no-argument constructor is also what DL4J's JSON reader uses
  }

  @Override
  public ChannelScaleVertex clone() {
    return new ChannelScaleVertex();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelScaleVertex;
  }

  @Override
  public int hashCode() {
    return ChannelScaleVertex.class.getName().hashCode();
  }

  @Override
  public long numParams(boolean backprop) {
    return 0;
  }

  @Override
  public int minVertexInputs() {
    return 2;
  }

  @Override
  public int maxVertexInputs() {
    return 2;
  }

  @Override
  public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(
      ComputationGraph graph, String name, int idx, INDArray paramsView, boolean initializeParams, DataType dataType) {
    return new ChannelScaleVertexImpl(graph, name, idx, dataType);
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
    if (inputs.length != 2 || inputs[0].getType() != InputType.Type.CNN) {
      throw new InvalidInputTypeException("ChannelScaleVertex needs (CNN feature map, feed-forward gate), got "
          + java.util.Arrays.toString(inputs));
    }
    InputType.InputTypeConvolutional x = (InputType.InputTypeConvolutional) inputs[0];
    long gate = inputs[1].arrayElementsPerExample();
    if (gate != x.getChannels()) {
      throw new InvalidInputTypeException("ChannelScaleVertex: the gate has " + gate + " values but the feature map has "
          + x.getChannels() + " channels");
    }
    return inputs[0];
  }

  @Override
  public MemoryReport getMemoryReport(InputType... inputs) {
    InputType out = inputs[0];
    return new LayerMemoryReport.Builder(null, ChannelScaleVertex.class, inputs[0], out)
        .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
  }
}
