package dev.slimnas.supernet.onnx;

import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.spec.BlockSpec;
import dev.slimnas.supernet.layers.PointwiseActivation;
import dev.slimnas.supernet.net.VertexNames;
import dev.slimnas.supernet.layers.ChannelScaleVertex;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;

/**
 * Walks an {@link ArchSpec} in the order {@code Networks.graphConfig} translates it and emits the ONNX
 * nodes of each part, reading the weights of the DL4J vertex of the same name. Names of nodes and tensors
 * are the DL4J vertex names.
 */
final class OnnxTranslator {
  private final ArchSpec arch;
  private final GraphParams params;
  private final OnnxGraph g;
  private final boolean foldBn;

  OnnxTranslator(ArchSpec arch, GraphParams params, OnnxGraph g, boolean foldBn) {
    this.arch = arch;
    this.params = params;
    this.g = g;
    this.foldBn = foldBn;
  }

  /** Every block's op must be one the exporter knows; checked before any node is built. */
  static void checkOps(ArchSpec arch) {
    for (BlockLayout b : arch.layout()) {
      BlockOp op = b.op();
      if (!(op instanceof BlockOp.MBConv) && !(op instanceof BlockOp.Skip) && !(op instanceof BlockOp.Projection)) {
        throw new OnnxExportException(b.label() + ": op '" + op.code() + "' has no ONNX mapping (the exporter knows "
            + "MBConv k<kernel>e<expansion>[+se], proj and skip)");
      }
    }
  }

  /** Emits the whole network from {@code input}; returns the tensor holding the logits. */
  String logits(String input) {
    int res = arch.input().resolution();
    String x = convUnit(VertexNames.stem("x"), input, res, arch.stem().kernel(), arch.input().channels(),
        arch.stem().channels(), false);
    for (BlockLayout b : arch.layout()) {
      try {
        x = block(b, x);
      } catch (OnnxExportException e) {
        throw new OnnxExportException(b.label() + ", op " + b.op().code() + ": " + e.getMessage());
      }
    }
    x = convUnit(VertexNames.head("x"), x, arch.finalResolution(), 1, arch.finalChannels(), arch.head().channels(), false);
    x = g.simple("GlobalAveragePool", VertexNames.POOL, x);
    x = g.flatten(VertexNames.POOL + ".flat", x);
    // dropout: identity at inference, no node
    float[][] wb = params.dense(VertexNames.OUTPUT, arch.head().channels(), arch.classes(), "ActivationSoftmax", true);
    String w = g.initializer(VertexNames.OUTPUT + ".W", wb[0], arch.head().channels(), arch.classes());
    String bias = g.initializer(VertexNames.OUTPUT + ".b", wb[1], arch.classes());
    return g.gemm(VertexNames.OUTPUT + ".logits", x, w, bias);
  }

  private String block(BlockLayout b, String in) {
    BlockSpec s = b.spec();
    if (s.op().isSkip()) {
      return in;
    }
    int i = b.index();
    if (s.op().isProjection()) { // 1x1 conv at the block's stride + BN, no activation, no residual
      return convUnit(VertexNames.block(i, "proj"), in, b.inResolution(), 1, b.inChannels(), b.outChannels(), false);
    }
    String x = in;
    if (s.op().expansion() != 1) {
      x = convUnit(VertexNames.block(i, "expand"), x, b.inResolution(), 1, b.inChannels(), s.hidden(), false);
    }
    x = convUnit(VertexNames.block(i, "dw"), x, b.inResolution(), s.op().kernel(), s.hidden(), s.hidden(), true);
    if (s.op().se()) {
      x = squeezeExcite(VertexNames.block(i, "se"), x, s.hidden(), s.se());
    }
    x = convUnit(VertexNames.block(i, "project"), x, b.outResolution(), 1, s.hidden(), b.outChannels(), false);
    if (b.residual()) {
      String add = VertexNames.block(i, "add");
      params.requireVertex(add, ElementWiseVertex.class);
      x = g.simple("Add", add, in, x);
    }
    return x;
  }

  /**
   * Conv (no bias) + BN + activation of unit {@code unit} on an {@code res x res} input: one Conv with the
   * BN folded into weights and bias, or Conv + BatchNormalization; then Relu, Clip(0, 6) or nothing.
   */
  private String convUnit(String unit, String in, int res, int k, int cin, int cout, boolean depthwise) {
    String conv = VertexNames.conv(unit);
    String bnName = VertexNames.bn(unit);
    float[] w = params.conv(conv, cin, cout, k, depthwise);
    int stride = params.stride(conv);
    long[] pads = SamePadding.pads(res, k, stride);
    int group = depthwise ? cin : 1;
    long[] wShape = {cout, depthwise ? 1 : cin, k, k};
    BnParams bn = params.bn(bnName, cout);
    String x;
    if (foldBn) {
      String wt = g.initializer(conv + ".W", bn.foldWeights(w), wShape);
      String bt = g.initializer(conv + ".b", bn.foldBias(), cout);
      x = g.conv(bnName, in, wt, bt, k, stride, pads, group);
    } else {
      String wt = g.initializer(conv + ".W", w, wShape);
      x = g.conv(conv, in, wt, null, k, stride, pads, group);
      x = g.batchNorm(bnName, x, g.initializer(bnName + ".gamma", bn.gamma(), cout),
          g.initializer(bnName + ".beta", bn.beta(), cout), g.initializer(bnName + ".mean", bn.mean(), cout),
          g.initializer(bnName + ".var", bn.var(), cout), bn.eps());
    }
    PointwiseActivation act = params.activation(bnName);
    switch (act) {
      case RELU:
        return g.simple("Relu", VertexNames.act(unit), x);
      case RELU6:
        return g.relu6(VertexNames.act(unit), x);
      case IDENTITY:
        return x;
      default:
        throw new OnnxExportException("vertex " + bnName + ": activation " + act + " has no ONNX mapping");
    }
  }

  /**
   * Squeeze-and-excitation: GlobalAveragePool to [N, C, 1, 1], the two dense layers as 1x1 convs with
   * bias (weights transposed from DL4J's [nIn, nOut]), Relu and Sigmoid, then Mul broadcasting the gate
   * over H and W (DL4J's ChannelScaleVertex).
   */
  private String squeezeExcite(String unit, String in, int channels, int reduced) {
    String pool = g.simple("GlobalAveragePool", unit + ".pool", in);
    String r = seConv(unit + ".reduce", pool, channels, reduced, "ActivationReLU");
    r = g.simple("Relu", unit + ".reduce.act", r);
    String e = seConv(unit + ".expand", r, reduced, channels, "ActivationSigmoid");
    e = g.simple("Sigmoid", unit + ".expand.act", e);
    String scale = unit + ".scale";
    params.requireVertex(scale, ChannelScaleVertex.class);
    return g.simple("Mul", scale, in, e);
  }

  private String seConv(String name, String in, int nIn, int nOut, String activation) {
    float[][] wb = params.dense(name, nIn, nOut, activation, false);
    float[] t = new float[nIn * nOut];
    for (int i = 0; i < nIn; i++) {
      for (int o = 0; o < nOut; o++) {
        t[o * nIn + i] = wb[0][i * nOut + o];
      }
    }
    String w = g.initializer(name + ".W", t, nOut, nIn, 1, 1);
    String b = g.initializer(name + ".b", wb[1], nOut);
    return g.conv(name, in, w, b, 1, 1, new long[4], 1);
  }
}
