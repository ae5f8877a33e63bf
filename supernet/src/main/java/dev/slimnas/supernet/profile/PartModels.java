package dev.slimnas.supernet.profile;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.slimnas.latency.profile.CallOverhead;
import dev.slimnas.latency.profile.NetworkShape;
import dev.slimnas.latency.profile.ProfilePart;
import dev.slimnas.space.spec.Activation;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.onnx.OnnxCut;
import dev.slimnas.supernet.onnx.OnnxExporter;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The ONNX model that measures one profile part in an ONNX runtime, made the way {@link PartGraphs} makes
 * the DL4J graph: a block, the stem or the head is cut ({@link OnnxCut}) out of the ONNX export (BN folded,
 * softmax output) of the same small carrier network, so a part runs exactly the nodes a whole exported
 * network runs; a network part is the whole export; the call overhead is one {@code Identity} node.
 */
public final class PartModels {
  private PartModels() {}

  /** The serialised model of {@code part} at batch {@code batch}; {@code activation} is that of the part's space. */
  public static byte[] onnx(ProfilePart part, Activation activation, NetSettings s, int batch) {
    return model(part, activation, s, batch).toByteArray();
  }

  static ModelProto model(ProfilePart part, Activation activation, NetSettings s, int batch) {
    long[] shape = PartGraphs.inputShape(part, batch);
    if (part instanceof CallOverhead) {
      return identity(shape);
    }
    if (part instanceof NetworkShape n) {
      return export(n.arch(), s);
    }
    PartGraphs.Carrier c = PartGraphs.carrier(part, activation);
    ComputationGraph g = Networks.build(c.arch(), s);
    try {
      return cut(part, c, g, batch);
    } finally {
      g.close();
    }
  }

  /** The part's model cut out of the export of {@code carrierNet}, a network of {@code c}'s architecture. */
  static ModelProto cut(ProfilePart part, PartGraphs.Carrier c, ComputationGraph carrierNet, int batch) {
    return OnnxCut.cut(OnnxExporter.builder(c.arch()).build().export(carrierNet), c.keep(), PartGraphs.inputShape(part, batch));
  }

  private static ModelProto export(dev.slimnas.space.spec.ArchSpec arch, NetSettings s) {
    ComputationGraph g = Networks.build(arch, s);
    try {
      return OnnxExporter.builder(arch).build().export(g);
    } finally {
      g.close();
    }
  }

  private static ModelProto identity(long[] shape) {
    TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
    for (long d : shape) {
      dims.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    TypeProto t = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
        .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(dims)).build();
    GraphProto g = GraphProto.newBuilder().setName("overhead")
        .addNode(NodeProto.newBuilder().setOpType("Identity").setName("identity").addInput(OnnxExporter.INPUT).addOutput("identity"))
        .addInput(ValueInfoProto.newBuilder().setName(OnnxExporter.INPUT).setType(t))
        .addOutput(ValueInfoProto.newBuilder().setName("identity").setType(t)).build();
    return ModelProto.newBuilder().setIrVersion(OnnxExporter.IR_VERSION).setProducerName(OnnxExporter.PRODUCER)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxExporter.OPSET)).setGraph(g).build();
  }
}
