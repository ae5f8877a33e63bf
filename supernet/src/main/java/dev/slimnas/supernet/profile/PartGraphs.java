package dev.slimnas.supernet.profile;

import dev.slimnas.latency.profile.BlockShape;
import dev.slimnas.latency.profile.CallOverhead;
import dev.slimnas.latency.profile.HeadShape;
import dev.slimnas.latency.profile.NetworkShape;
import dev.slimnas.latency.profile.ProfilePart;
import dev.slimnas.latency.profile.StemShape;
import dev.slimnas.space.spec.Activation;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockSpec;
import dev.slimnas.space.spec.HeadSpec;
import dev.slimnas.space.spec.InputSpec;
import dev.slimnas.space.spec.StageSpec;
import dev.slimnas.space.spec.StemSpec;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.net.VertexNames;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The DL4J graph that measures one profile part. Blocks, stem and head are cut out of the
 * configuration {@link Networks#graphConfig} makes for a small carrier architecture that contains
 * the part, so a measured part runs exactly the layers (and layer implementations) a translated
 * network runs; inputs from outside the cut become the graph input. The call overhead is a graph with
 * one identity activation; a network part is the whole translated network.
 */
public final class PartGraphs {
  private static final int CARRIER_CLASSES = 2;

  private PartGraphs() {}

  /**
   * The small architecture a block, stem or head part is cut out of, and which of its vertex names (DL4J
   * vertices, and the ONNX nodes the exporter names after them) belong to the part.
   */
  public record Carrier(ArchSpec arch, Predicate<String> keep, int resolution, int channels) {}

  /** The carrier of a block, stem or head part; {@code activation} is that of the space the part belongs to. */
  public static Carrier carrier(ProfilePart part, Activation activation) {
    if (part instanceof BlockShape b) {
      ArchSpec carrier = carrier(new InputSpec(b.inResolution(), b.inChannels()), activation, new StemSpec(1, 1, b.inChannels()),
          new StageSpec(b.stride(), b.outChannels(), List.of(new BlockSpec(b.op(), b.hidden(), b.se()))), new HeadSpec(8, 0));
      return new Carrier(carrier, n -> n.startsWith(VertexNames.block(0, "")), b.inResolution(), b.inChannels());
    }
    if (part instanceof StemShape st) {
      ArchSpec carrier = carrier(new InputSpec(st.resolution(), st.inChannels()), activation,
          new StemSpec(st.kernel(), st.stride(), st.outChannels()), plainStage(st.outChannels()), new HeadSpec(8, 0));
      return new Carrier(carrier, n -> n.startsWith(VertexNames.stem("")), st.resolution(), st.inChannels());
    }
    if (part instanceof HeadShape h) {
      ArchSpec carrier = new ArchSpec("head", new InputSpec(h.resolution(), h.inChannels()), h.classes(), activation,
          new StemSpec(1, 1, h.inChannels()), List.of(plainStage(h.inChannels())), new HeadSpec(h.channels(), 0));
      Predicate<String> inHead = n -> n.startsWith(VertexNames.head("")) || n.equals(VertexNames.POOL)
          || n.equals(VertexNames.OUTPUT) || n.startsWith(VertexNames.POOL + ".") || n.startsWith(VertexNames.OUTPUT + ".") || n.equals(dev.slimnas.supernet.onnx.OnnxOutput.PROBABILITIES.tensorName());
      return new Carrier(carrier, inHead, h.resolution(), h.inChannels());
    }
    throw new IllegalArgumentException("part " + part.key() + " is not cut out of a carrier network");
  }

  /** The configuration measuring {@code part}; {@code activation} is that of the space the part belongs to. */
  public static ComputationGraphConfiguration config(ProfilePart part, Activation activation, NetSettings s) {
    if (part instanceof BlockShape || part instanceof StemShape || part instanceof HeadShape) {
      Carrier c = carrier(part, activation);
      return cut(Networks.graphConfig(c.arch(), s), c.keep(), c.resolution(), c.channels(), s);
    }
    if (part instanceof CallOverhead o) {
      return builder(s).addInputs(VertexNames.INPUT)
          .setInputTypes(InputType.convolutional(o.resolution(), o.resolution(), o.channels(), CNN2DFormat.NCHW))
          .addLayer("identity", new ActivationLayer(org.nd4j.linalg.activations.Activation.IDENTITY), VertexNames.INPUT)
          .setOutputs("identity").build();
    }
    if (part instanceof NetworkShape n) {
      return Networks.graphConfig(n.arch(), s);
    }
    throw new IllegalArgumentException("no graph for part " + part.key());
  }

  /** Allocates and initialises the graph of {@code part}. */
  public static ComputationGraph build(ProfilePart part, Activation activation, NetSettings s) {
    if (part instanceof NetworkShape n) {
      return Networks.build(n.arch(), s);
    }
    Nd4jSetup.ensure();
    ComputationGraph g = new ComputationGraph(config(part, activation, s));
    g.init();
    return g;
  }

  /** Shape of the input of {@code part}'s graph at batch {@code batch} (NCHW). */
  public static long[] inputShape(ProfilePart part, int batch) {
    if (part instanceof BlockShape b) {
      return new long[] {batch, b.inChannels(), b.inResolution(), b.inResolution()};
    }
    if (part instanceof StemShape st) {
      return new long[] {batch, st.inChannels(), st.resolution(), st.resolution()};
    }
    if (part instanceof HeadShape h) {
      return new long[] {batch, h.inChannels(), h.resolution(), h.resolution()};
    }
    if (part instanceof CallOverhead o) {
      return new long[] {batch, o.channels(), o.resolution(), o.resolution()};
    }
    ArchSpec a = ((NetworkShape) part).arch();
    return new long[] {batch, a.input().channels(), a.input().resolution(), a.input().resolution()};
  }

  private static ArchSpec carrier(InputSpec input, Activation act, StemSpec stem, StageSpec stage, HeadSpec head) {
    return new ArchSpec("carrier", input, CARRIER_CLASSES, act, stem, List.of(stage), head);
  }

  /** A one-block stage that keeps {@code channels} (stride 1, expansion 1): filler for carriers. */
  private static StageSpec plainStage(int channels) {
    return new StageSpec(1, channels, List.of(new BlockSpec(dev.slimnas.space.spec.BlockOp.mbconv(3, 1), channels, 0)));
  }

  private static ComputationGraphConfiguration.GraphBuilder builder(NetSettings s) {
    return new NeuralNetConfiguration.Builder().seed(s.seed()).dataType(s.dataType())
        .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED).graphBuilder();
  }

  /**
   * The vertices of {@code full} that {@code keep} selects, in topological order, as a graph of their
   * own: inputs from unselected vertices become the graph input; the last selected vertex is the output.
   */
  static ComputationGraphConfiguration cut(ComputationGraphConfiguration full, Predicate<String> keep, int resolution,
      int channels, NetSettings s) {
    ComputationGraphConfiguration.GraphBuilder g = builder(s).addInputs(VertexNames.INPUT)
        .setInputTypes(InputType.convolutional(resolution, resolution, channels, CNN2DFormat.NCHW));
    String last = null;
    for (String name : topologicalOrder(full)) {
      if (!keep.test(name) || full.getNetworkInputs().contains(name)) {
        continue;
      }
      List<String> ins = new ArrayList<>();
      for (String in : full.getVertexInputs().get(name)) {
        ins.add(keep.test(in) ? in : VertexNames.INPUT); // a residual add may read the cut's input twice
      }
      GraphVertex v = full.getVertices().get(name).clone();
      g.addVertex(name, v, ins.toArray(String[]::new));
      last = name;
    }
    if (last == null) {
      throw new IllegalStateException("the carrier graph has no vertex to cut");
    }
    return g.setOutputs(last).build();
  }

  /** Kahn's algorithm over the vertex inputs, ties broken by insertion order. */
  static List<String> topologicalOrder(ComputationGraphConfiguration c) {
    List<String> names = new ArrayList<>(c.getNetworkInputs());
    names.addAll(c.getVertices().keySet());
    java.util.Set<String> done = new java.util.HashSet<>(c.getNetworkInputs());
    List<String> order = new ArrayList<>(c.getNetworkInputs());
    boolean progress = true;
    while (progress && order.size() < names.size()) {
      progress = false;
      for (String n : c.getVertices().keySet()) {
        if (!done.contains(n) && done.containsAll(c.getVertexInputs().getOrDefault(n, List.of()))) {
          done.add(n);
          order.add(n);
          progress = true;
        }
      }
    }
    if (order.size() < names.size()) {
      throw new IllegalStateException("graph configuration has a cycle or a missing input");
    }
    return order;
  }
}
