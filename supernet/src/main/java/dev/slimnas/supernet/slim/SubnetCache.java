package dev.slimnas.supernet.slim;

import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J graphs of sub-network architectures, built once and kept in least-recently-used order (a graph
 * of a CIFAR-scale network takes tens of milliseconds to build; the sandwich rule asks for the smallest
 * network every step and for sampled ones repeatedly). The graphs' own weights are meaningless: callers
 * write them with {@link PrefixParams#copyInto} before every use.
 */
public final class SubnetCache {
  private final NetSettings settings;
  private final int capacity;
  private final Map<ArchSpec, ComputationGraph> graphs;
  private long builds;
  private long evictions;

  /**
   * @param settings data type and BN decay of the sub-networks (their updater is never used)
   * @param capacity graphs kept; the least recently used one is dropped beyond it
   */
  public SubnetCache(NetSettings settings, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.settings = settings;
    this.capacity = capacity;
    this.graphs = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ArchSpec, ComputationGraph> eldest) {
        boolean drop = size() > SubnetCache.this.capacity;
        if (drop) {
          evictions++;
        }
        return drop;
      }
    };
  }

  /** The graph of {@code arch}, built on first use. */
  public ComputationGraph graph(ArchSpec arch) {
    ComputationGraph g = graphs.get(arch);
    if (g == null) {
      if (evictions > 0 && graphs.size() >= capacity) {
        evictions = 0;
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
      }
      g = Networks.build(arch, settings);
      graphs.put(arch, g);
      builds++;
    }
    return g;
  }

  /** The graph of {@code arch} holding the full network's current weights (prefix slices). */
  public ComputationGraph withWeightsOf(ComputationGraph full, ArchSpec arch) {
    ComputationGraph g = graph(arch);
    PrefixParams.copyInto(full, g);
    return g;
  }

  /**
   * Drops every graph and releases the calling thread's ND4J workspaces (they hold each graph's
   * activations off the Java heap and are not returned when a graph is merely dropped: an experiment
   * that cycled ~50 sub-network graphs through a 24-graph cache reached 24 GB and was OOM-killed).
   * Graphs still in use elsewhere recreate their workspaces on their next pass.
   */
  public void clear() {
    graphs.clear();
    Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
    System.gc();
  }

  /** Graphs built so far (a measure of how often the cache missed). */
  public long builds() {
    return builds;
  }
}
