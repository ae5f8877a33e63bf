package dev.slimnas.supernet.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Appends ONNX nodes and float initializers to a {@link GraphProto} builder. Every method returns the name
 * of the tensor it produced; node and tensor names are derived from the DL4J vertex names, so an exported
 * graph reads like the DL4J one.
 */
final class OnnxGraph {
  private final GraphProto.Builder g;
  private boolean clipBounds;

  OnnxGraph(GraphProto.Builder g) {
    this.g = g;
  }

  /** A float initializer {@code name} of {@code shape}, stored as little-endian raw data. */
  String initializer(String name, float[] values, long... shape) {
    long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    if (n != values.length) {
      throw new IllegalStateException(name + ": " + values.length + " values for shape " + Arrays.toString(shape));
    }
    ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    g.addInitializer(TensorProto.newBuilder()
        .setName(name)
        .setDataType(TensorProto.DataType.FLOAT.getNumber())
        .addAllDims(Arrays.stream(shape).boxed().toList())
        .setRawData(ByteString.copyFrom(buf.array())));
    return name;
  }

  /** {@code Conv} with explicit pads; {@code bias} may be null. */
  String conv(String name, String in, String weight, String bias, int k, int stride, long[] pads, int group) {
    NodeProto.Builder n = node("Conv", name, name, in, weight);
    if (bias != null) {
      n.addInput(bias);
    }
    n.addAttribute(ints("kernel_shape", k, k));
    n.addAttribute(ints("strides", stride, stride));
    n.addAttribute(ints("pads", pads));
    n.addAttribute(ints("dilations", 1, 1));
    n.addAttribute(integer("group", group));
    g.addNode(n);
    return name;
  }

  /** Inference {@code BatchNormalization} (opset 9-14 form: X, scale, B, mean, var). */
  String batchNorm(String name, String in, String scale, String bias, String mean, String var, double eps) {
    NodeProto.Builder n = node("BatchNormalization", name, name, in, scale, bias, mean, var);
    n.addAttribute(AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT)
        .setF((float) eps));
    g.addNode(n);
    return name;
  }

  /** A node with one output and no attributes ({@code Relu}, {@code Sigmoid}, {@code Add}, {@code Mul}, ...). */
  String simple(String op, String name, String... inputs) {
    g.addNode(node(op, name, name, inputs));
    return name;
  }

  /** {@code Clip(x, 0, 6)} (ReLU6); the bounds are scalar initializers shared by every node. */
  String relu6(String name, String in) {
    if (!clipBounds) {
      initializer("const.zero", new float[] {0f});
      initializer("const.six", new float[] {6f});
      clipBounds = true;
    }
    g.addNode(node("Clip", name, name, in, "const.zero", "const.six"));
    return name;
  }

  String flatten(String name, String in) {
    NodeProto.Builder n = node("Flatten", name, name, in);
    n.addAttribute(integer("axis", 1));
    g.addNode(n);
    return name;
  }

  /** {@code Gemm(A, B, C)} = {@code A B + C} with {@code B} as stored ({@code [nIn, nOut]}, DL4J's layout). */
  String gemm(String name, String in, String weight, String bias) {
    g.addNode(node("Gemm", name, name, in, weight, bias));
    return name;
  }

  String softmax(String name, String in) {
    NodeProto.Builder n = node("Softmax", name, name, in);
    n.addAttribute(integer("axis", 1));
    g.addNode(n);
    return name;
  }

  /** Renames the tensor {@code from} to the graph output {@code to} with an {@code Identity} node. */
  String identity(String name, String from, String to) {
    g.addNode(node("Identity", name, to, from));
    return to;
  }

  private static NodeProto.Builder node(String op, String name, String output, String... inputs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
    for (String i : inputs) {
      n.addInput(i);
    }
    return n;
  }

  private static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  private static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }
}
