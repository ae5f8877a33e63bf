package dev.slimnas.supernet.net;

import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockSpec;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.util.Map;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one translator from the project's architecture records to DL4J: {@link #graphConfig} builds the
 * configuration (allocates nothing), {@link #build} allocates and initialises it.
 *
 * <p>Layout of a translated network (names from {@link VertexNames}): stem conv + BN + activation;
 * per block an optional 1x1 expansion (conv, BN, act), the k x k depthwise conv (BN, act), optional
 * squeeze-and-excitation (global average pool, dense reduce + ReLU, dense expand + sigmoid, channel
 * scale), the linear 1x1 projection (conv, BN) and a residual add when stride is 1 and widths match;
 * a skip block adds nothing; a proj block is one 1x1 conv at the block's stride and BN (no activation,
 * no residual add). Then the 1x1 head conv (BN, act), global average pooling, dropout and the
 * softmax classifier (MCXENT loss, so smoothed labels can be fed directly). Convs have no bias, padding
 * is "same" (TensorFlow-style: odd padding goes to the bottom/right for stride 2).
 */
public final class Networks {
  private Networks() {}

  /**
   * Adds a block in place of the standard one; returns the block's output vertex, or null to let the
   * translator add the standard block (how the supernet puts its searchable blocks into a network).
   */
  @FunctionalInterface
  public interface BlockOverride {
    String add(ComputationGraphConfiguration.GraphBuilder g, String in, BlockLayout block);
  }

  /** The DL4J configuration of {@code arch}; allocates no arrays. */
  public static ComputationGraphConfiguration graphConfig(ArchSpec arch, NetSettings s) {
    return graphConfig(arch, s, (g, in, b) -> null);
  }

  /** As {@link #graphConfig(ArchSpec, NetSettings)}, with some blocks built by {@code override}. */
  public static ComputationGraphConfiguration graphConfig(ArchSpec arch, NetSettings s, BlockOverride override) {
    ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
        .seed(s.seed())
        .dataType(s.dataType())
        .optimizationAlgo(OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT)
        .updater(s.updater())
        .weightInit(WeightInit.RELU)
        .weightDecay(s.weightDecay(), true)
        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
        .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
        .graphBuilder()
        .addInputs(VertexNames.INPUT)
        .setInputTypes(InputType.convolutional(
            arch.input().resolution(), arch.input().resolution(), arch.input().channels(), CNN2DFormat.NCHW));
    GraphAssembler a = new GraphAssembler(g, arch.activation(), s.bnDecay());
    String x = a.convUnit(VertexNames.stem("x"), VertexNames.INPUT, arch.stem().kernel(), arch.stem().stride(),
        arch.input().channels(), arch.stem().channels(), false, true);
    for (BlockLayout b : arch.layout()) {
      String custom = override.add(g, x, b);
      x = custom != null ? custom : addBlock(a, b, x);
    }
    x = a.convUnit(VertexNames.head("x"), x, 1, 1, arch.finalChannels(), arch.head().channels(), false, true);
    x = a.globalAveragePool(VertexNames.POOL, x);
    a.classifier(VertexNames.OUTPUT, x, arch.head().channels(), arch.classes(), arch.head().dropout());
    g.setOutputs(VertexNames.OUTPUT);
    return g.build();
  }

  /** Allocates and initialises the network of {@code arch} (weights drawn from {@code s.seed()}). */
  public static ComputationGraph build(ArchSpec arch, NetSettings s) {
    // refuse absurd sizes before any native allocation (one image: parameters and a forward/backward pass)
    MemoryEstimate.check(arch, 1, s.dataType().width(), MemoryEstimate.limitBytes());
    Nd4jSetup.ensure();
    ComputationGraph net = new ComputationGraph(graphConfig(arch, s));
    net.init();
    return net;
  }

  static String addBlock(GraphAssembler a, BlockLayout b, String in) {
    BlockSpec s = b.spec();
    if (s.op().isSkip()) {
      return in;
    }
    int i = b.index();
    if (s.op().isProjection()) {
      return a.convUnit(VertexNames.block(i, "proj"), in, 1, b.stride(), b.inChannels(), b.outChannels(), false, false);
    }
    String x = in;
    if (s.op().expansion() != 1) {
      x = a.convUnit(VertexNames.block(i, "expand"), x, 1, 1, b.inChannels(), s.hidden(), false, true);
    }
    x = a.convUnit(VertexNames.block(i, "dw"), x, s.op().kernel(), b.stride(), s.hidden(), s.hidden(), true, true);
    if (s.op().se()) {
      x = a.squeezeExcite(VertexNames.block(i, "se"), x, s.hidden(), s.se());
    }
    x = a.convUnit(VertexNames.block(i, "project"), x, 1, 1, s.hidden(), b.outChannels(), false, false);
    if (b.residual()) {
      x = a.add(VertexNames.block(i, "add"), in, x);
    }
    return x;
  }

  /**
   * Trainable parameters: everything except BN running statistics (which DL4J stores among the
   * parameters). This is the count the cost model and PyTorch report.
   */
  public static long trainableParams(ComputationGraph net) {
    long n = 0;
    for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
      String key = e.getKey();
      String param = key.substring(key.lastIndexOf('_') + 1);
      if (!isBnStatistic(param)) {
        n += e.getValue().length();
      }
    }
    return n;
  }

  /** True for the names of DL4J's BN running statistics (mean, variance, log std). */
  public static boolean isBnStatistic(String param) {
    return param.equals(BatchNormalizationParamInitializer.GLOBAL_MEAN)
        || param.equals(BatchNormalizationParamInitializer.GLOBAL_VAR)
        || param.equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
  }
}
