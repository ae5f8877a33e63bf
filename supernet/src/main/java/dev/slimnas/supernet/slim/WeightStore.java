package dev.slimnas.supernet.slim;

import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.net.ProjectionBranches;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The graph that holds a {@link JointFamily}'s shared weights when some of its ops are no window of the
 * full network: the full network (every block's largest op) plus, at every block whose choices include
 * {@code proj}, a projection branch ({@link ProjectionBranches}: the proj conv and BN under the names a
 * proj block of any sub-network has, so {@link PrefixParams#copyInto} finds them by name). The store is
 * never run forward ({@link UniformPathStep} trains it through sub-networks only); it is the trainer's
 * network, so checkpoints, resume and the updater state work as for any run.
 */
public final class WeightStore {
  private WeightStore() {}

  /** Blocks of {@code family} that get a projection branch: proj allowed and the largest op an MBConv. */
  public static SortedSet<Integer> branchBlocks(JointFamily family) {
    SortedSet<Integer> out = new TreeSet<>();
    ArchSpec full = family.fullArch();
    for (int b : family.projectionBlocks()) {
      if (full.layout().get(b).op().isMBConv()) {
        out.add(b);
      }
    }
    return out;
  }

  /** The store's DL4J configuration; allocates nothing. */
  public static ComputationGraphConfiguration graphConfig(JointFamily family, NetSettings s) {
    ArchSpec full = family.fullArch();
    return Networks.graphConfig(full, s, new ProjectionBranches(full, s, branchBlocks(family)));
  }

  /** Allocates and initialises the store (weights drawn from {@code s.seed()}). */
  public static ComputationGraph build(JointFamily family, NetSettings s) {
    Nd4jSetup.ensure();
    ComputationGraph g = new ComputationGraph(graphConfig(family, s));
    g.init();
    return g;
  }

  /**
   * A {@link Gradient} of {@code graph} whose per-parameter arrays are views of its flattened gradient
   * array ({@code <vertex>_<param>}, as DL4J's own backward pass names them), for a graph whose gradients
   * are written without a backward pass of its own. Allocates the gradient array if the graph has none yet.
   */
  public static Gradient gradientViews(ComputationGraph graph) {
    if (graph.getFlattenedGradients() == null) {
      graph.initGradientsView();
    }
    DefaultGradient g = new DefaultGradient(graph.getFlattenedGradients());
    for (GraphVertex v : graph.getVertices()) {
      if (!v.hasLayer() || v.numParams() == 0) {
        continue;
      }
      Layer l = v.getLayer();
      Map<String, INDArray> views = l.conf().getLayer().initializer().getGradientsFromFlattened(l.conf(), l.getGradientsViewArray());
      for (Map.Entry<String, INDArray> e : views.entrySet()) {
        g.setGradientFor(v.getVertexName() + "_" + e.getKey(), e.getValue());
      }
    }
    return g;
  }
}
