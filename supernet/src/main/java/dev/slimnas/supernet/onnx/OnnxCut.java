package dev.slimnas.supernet.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A part of an exported model as a model of its own: the nodes whose names a predicate selects (in the
 * model's order, which is topological), every input that no selected node produces and that is no
 * initializer read from the new graph input {@code input}, the last selected node's output as the graph
 * output, and only the initializers the selected nodes read. How latency profiles cut a block, the stem or
 * the head out of a small carrier network, as the DL4J profiler cuts its graph configurations.
 */
public final class OnnxCut {
  private OnnxCut() {}

  /**
   * The model of the nodes of {@code full} that {@code keep} selects, with input {@code input} of shape
   * {@code inputShape} (NCHW, batch included).
   */
  public static ModelProto cut(ModelProto full, Predicate<String> keep, long[] inputShape) {
    GraphProto g = full.getGraph();
    Set<String> initializers = new HashSet<>();
    g.getInitializerList().forEach(t -> initializers.add(t.getName()));
    Set<String> produced = new HashSet<>();
    Set<String> used = new HashSet<>();
    GraphProto.Builder out = GraphProto.newBuilder().setName(g.getName() + ".cut");
    String last = null;
    for (NodeProto n : g.getNodeList()) {
      if (!keep.test(n.getName())) {
        continue;
      }
      NodeProto.Builder b = n.toBuilder().clearInput();
      for (String in : n.getInputList()) {
        if (initializers.contains(in)) {
          used.add(in);
          b.addInput(in);
        } else {
          b.addInput(produced.contains(in) ? in : OnnxExporter.INPUT); // a residual add may read the cut's input twice
        }
      }
      out.addNode(b);
      produced.addAll(n.getOutputList());
      last = n.getOutput(0);
    }
    if (last == null) {
      throw new IllegalArgumentException("model '" + g.getName() + "': no node to cut");
    }
    for (TensorProto t : g.getInitializerList()) {
      if (used.contains(t.getName())) {
        out.addInitializer(t);
      }
    }
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : inputShape) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    out.addInput(ValueInfoProto.newBuilder().setName(OnnxExporter.INPUT).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape))));
    out.addOutput(ValueInfoProto.newBuilder().setName(last).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()))));
    return full.toBuilder().clearMetadataProps().setGraph(out).build();
  }
}
