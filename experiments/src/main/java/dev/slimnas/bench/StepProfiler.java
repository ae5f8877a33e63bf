package dev.slimnas.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Profiles DL4J training steps two ways. (1) Phases of the real {@code fit} (workspaces on), cut by a
 * {@link PhaseTimer}: forward, backward, updater, other. (2) Per layer type: the graph's vertices run one
 * by one in topological order ({@code doForward}) and reverse order ({@code doBackward}) the way
 * {@code ComputationGraph} does it, with workspaces like {@code fit}'s, each call timed. Its total is
 * close to fit's forward + backward; it has no updater. Like DL4J, the output layer's forward pass runs
 * inside its backward call.
 */
public final class StepProfiler {
  /** Category of the gradient sums where one vertex feeds several (block input of a residual block). */
  static final String FAN_OUT = "gradient sums (fan-out)";
  private static final int SLOWEST = 8;
  /** Untimed passes that let the workspaces learn their sizes. */
  private static final int LEARNING_PASSES = 2;
  private static final String WS_ALL = "SLIMNAS_PROFILE_ALL";
  private static final String WS_WORK = "SLIMNAS_PROFILE_WORK";

  private StepProfiler() {}

  /** Profiles {@code steps} training steps on one batch; the network must have been fitted once before. */
  public static StepProfile profile(ComputationGraph net, INDArray x, INDArray y, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("profile steps must be >= 1, got " + steps);
    }
    PhaseTimer timer = new PhaseTimer();
    long[] phases = new long[4];
    long fit = 0;
    net.addListeners(timer);
    try {
      for (int i = 0; i < steps; i++) {
        long t = System.nanoTime();
        timer.begin();
        net.fit(new INDArray[] {x}, new INDArray[] {y});
        timer.end(phases);
        fit += System.nanoTime() - t;
      }
    } finally {
      net.setListeners();
    }
    GraphVertex[] vertices = net.getVertices();
    long[] fwd = new long[vertices.length];
    long[] bwd = new long[vertices.length];
    long[] fanOut = new long[1];
    for (int i = 0; i < LEARNING_PASSES; i++) {
      vertexPass(net, x, y, new long[vertices.length], new long[vertices.length], new long[1]);
    }
    for (int i = 0; i < steps; i++) {
      vertexPass(net, x, y, fwd, bwd, fanOut);
    }
    Map<String, Double> phaseMs = new LinkedHashMap<>();
    String[] names = {PhaseTimer.FORWARD, PhaseTimer.BACKWARD, PhaseTimer.UPDATER, PhaseTimer.OTHER};
    for (int p = 0; p < names.length; p++) {
      phaseMs.put(names[p], ms(phases[p], steps));
    }
    return new StepProfile(steps, ms(fit, steps), phaseMs, categories(vertices, fwd, bwd, fanOut[0], steps),
        slowest(vertices, fwd, bwd, steps),
        "phases: training-listener callbacks inside fit; layer types: each vertex's doForward/doBackward timed in "
            + "a separate pass with fit-like workspaces (output layer forward counted in its backward; no updater)");
  }

  /** One forward and backward pass vertex by vertex, adding each call's time (ns) to fwd/bwd. */
  static void vertexPass(ComputationGraph net, INDArray x, INDArray y, long[] fwd, long[] bwd, long[] fanOut) {
    GraphVertex[] v = net.getVertices();
    int[] order = net.topologicalSortOrder();
    LayerWorkspaceMgr mgr = workspaces(v.length);
    net.setInputs(x);
    net.setLabels(y);
    try (MemoryWorkspace all = mgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
      try {
        forward(v, order, x, mgr, fwd);
        backward(v, order, y, mgr, bwd, fanOut);
      } finally {
        for (GraphVertex g : v) {
          g.clear();
        }
      }
    }
  }

  private static void forward(GraphVertex[] v, int[] order, INDArray x, LayerWorkspaceMgr mgr, long[] fwd) {
    for (int idx : order) {
      GraphVertex cur = v[idx];
      if (cur.isOutputVertex()) {
        continue;
      }
      INDArray out;
      if (cur.isInputVertex()) {
        out = x;
      } else {
        try (MemoryWorkspace w = mgr.notifyScopeEntered(ArrayType.FF_WORKING_MEM)) {
          long t = System.nanoTime();
          out = cur.doForward(true, mgr);
          fwd[idx] += System.nanoTime() - t;
        }
      }
      VertexIndices[] to = cur.getOutputVertices();
      if (to != null) {
        for (VertexIndices e : to) {
          v[e.getVertexIndex()].setInput(e.getVertexEdgeNumber(), out, mgr);
        }
      }
    }
  }

  private static void backward(GraphVertex[] v, int[] order, INDArray y, LayerWorkspaceMgr mgr, long[] bwd, long[] fanOut) {
    INDArray[] eps = new INDArray[v.length];
    for (int i = order.length - 1; i >= 0; i--) {
      GraphVertex cur = v[order[i]];
      int idx = cur.getVertexIndex();
      if (cur.isInputVertex()) {
        continue;
      }
      if (cur.isOutputVertex()) {
        ((IOutputLayer) cur.getLayer()).setLabels(y);
      } else {
        cur.setEpsilon(eps[idx]);
      }
      INDArray[] e;
      try (MemoryWorkspace w = mgr.notifyScopeEntered(ArrayType.BP_WORKING_MEM)) {
        long t = System.nanoTime();
        Pair<Gradient, INDArray[]> p = cur.doBackward(false, mgr);
        bwd[idx] += System.nanoTime() - t;
        e = p.getSecond();
      }
      VertexIndices[] from = cur.getInputVertices();
      for (int j = 0; j < from.length; j++) {
        int src = from[j].getVertexIndex();
        if (e[j] == null || v[src].isInputVertex()) {
          continue;
        }
        long s = System.nanoTime();
        eps[src] = eps[src] == null ? e[j] : eps[src].add(e[j]);
        fanOut[0] += System.nanoTime() - s;
      }
    }
  }

  /**
   * Workspaces like {@code fit}'s: activations, layer inputs and activation gradients in one workspace
   * open for the whole pass (DL4J frees gradients earlier, which changes memory, not work), working
   * memory in a second one entered around each vertex call.
   */
  private static LayerWorkspaceMgr workspaces(int vertices) {
    WorkspaceConfiguration all = WorkspaceConfiguration.builder().initialSize(0).overallocationLimit(0.05)
        .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
        .policySpill(SpillPolicy.REALLOCATE).policyAllocation(AllocationPolicy.OVERALLOCATE).build();
    WorkspaceConfiguration work = WorkspaceConfiguration.builder().initialSize(0).overallocationLimit(0.02)
        .policyLearning(LearningPolicy.OVER_TIME).cyclesBeforeInitialization(vertices)
        .policyReset(ResetPolicy.BLOCK_LEFT).policySpill(SpillPolicy.REALLOCATE)
        .policyAllocation(AllocationPolicy.OVERALLOCATE).build();
    return LayerWorkspaceMgr.builder()
        .with(ArrayType.ACTIVATIONS, WS_ALL, all)
        .with(ArrayType.INPUT, WS_ALL, all)
        .with(ArrayType.ACTIVATION_GRAD, WS_ALL, all)
        .with(ArrayType.FF_WORKING_MEM, WS_WORK, work)
        .with(ArrayType.BP_WORKING_MEM, WS_WORK, work)
        .defaultNoWorkspace()
        .build();
  }

  /** The layer type a vertex of a translated network counts under. */
  static String category(GraphVertex g) {
    String n = g.getVertexName();
    if (n.contains(".se.")) {
      return "SE (pool, dense, scale)";
    }
    if (!g.hasLayer()) {
      return n.endsWith(".add") ? "residual add" : g.getClass().getSimpleName();
    }
    org.deeplearning4j.nn.conf.layers.Layer conf = g.getLayer().conf().getLayer();
    if (conf instanceof DepthwiseConvolution2D) {
      int[] k = ((DepthwiseConvolution2D) conf).getKernelSize();
      return "depthwise conv " + k[0] + "x" + k[1];
    }
    if (conf instanceof ConvolutionLayer) {
      int[] k = ((ConvolutionLayer) conf).getKernelSize();
      return k[0] == 1 && k[1] == 1 ? "conv 1x1" : "conv " + k[0] + "x" + k[1];
    }
    if (conf instanceof BatchNormalization) {
      return "BN + activation";
    }
    if (conf instanceof GlobalPoolingLayer) {
      return "global pool";
    }
    if (conf instanceof BaseOutputLayer) {
      return "classifier (dense, softmax, loss)";
    }
    return conf.getClass().getSimpleName();
  }

  private static List<StepProfile.CategoryTime> categories(GraphVertex[] v, long[] fwd, long[] bwd, long fanOut, int steps) {
    Map<String, long[]> sums = new TreeMap<>();
    for (GraphVertex g : v) {
      if (g.isInputVertex()) {
        continue;
      }
      long[] s = sums.computeIfAbsent(category(g), k -> new long[3]);
      s[0] += fwd[g.getVertexIndex()];
      s[1] += bwd[g.getVertexIndex()];
      s[2]++;
    }
    List<StepProfile.CategoryTime> out = new ArrayList<>();
    sums.forEach((k, s) -> out.add(new StepProfile.CategoryTime(k, (int) s[2], ms(s[0], steps), ms(s[1], steps))));
    out.add(new StepProfile.CategoryTime(FAN_OUT, 0, 0, ms(fanOut, steps)));
    out.sort(Comparator.comparingDouble(StepProfile.CategoryTime::totalMs).reversed());
    return out;
  }

  private static List<StepProfile.VertexTime> slowest(GraphVertex[] v, long[] fwd, long[] bwd, int steps) {
    List<StepProfile.VertexTime> all = new ArrayList<>();
    for (GraphVertex g : v) {
      if (!g.isInputVertex()) {
        int i = g.getVertexIndex();
        all.add(new StepProfile.VertexTime(g.getVertexName(), category(g), ms(fwd[i], steps), ms(bwd[i], steps)));
      }
    }
    all.sort(Comparator.comparingDouble(StepProfile.VertexTime::totalMs).reversed());
    return all.subList(0, Math.min(SLOWEST, all.size()));
  }

  private static double ms(long ns, int steps) {
    return ns / 1e6 / steps;
  }
}
