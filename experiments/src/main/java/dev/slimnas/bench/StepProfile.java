package dev.slimnas.bench;

import java.util.List;
import java.util.Map;

/**
 * Where the time of a training step goes, for either side (the PyTorch side fills the same fields from
 * torch.profiler; it reports no vertex counts and no slowest vertices).
 *
 * @param steps profiled steps the times are averaged over
 * @param fitMs mean wall time of one {@code fit} call
 * @param phasesMs mean time per phase of the real {@code fit} (workspaces on), cut by a training listener:
 *     {@code forward} (all layers but the output layer), {@code backward} (output layer forward and loss,
 *     backpropagation, score), {@code updater} (Nesterov update, weight decay, parameter step),
 *     {@code other} (the rest of {@code fit})
 * @param categories mean forward and backward time per layer type from a vertex-by-vertex pass
 * @param slowest the slowest single vertices of that pass (forward + backward)
 * @param method how the per-layer times were taken, with its caveats
 */
public record StepProfile(int steps, double fitMs, Map<String, Double> phasesMs, List<CategoryTime> categories,
    List<VertexTime> slowest, String method) {

  public StepProfile {
    phasesMs = Map.copyOf(phasesMs);
    categories = List.copyOf(categories);
    slowest = List.copyOf(slowest);
  }

  /** Mean time of one layer type per step, and how many vertices it has. */
  public record CategoryTime(String category, int vertices, double forwardMs, double backwardMs) {
    public double totalMs() {
      return forwardMs + backwardMs;
    }
  }

  /** Mean time of one vertex per step. */
  public record VertexTime(String vertex, String category, double forwardMs, double backwardMs) {
    public double totalMs() {
      return forwardMs + backwardMs;
    }
  }

  /** The {@code profile} field of a worker's JSON line, or null when it has none. */
  public static StepProfile fromWorkerLine(String jsonLine) {
    return fromWorkerLine(SideResult.DL4J, jsonLine);
  }

  /** The {@code profile} field of {@code side}'s worker line, or null when it has none. */
  public static StepProfile fromWorkerLine(String side, String jsonLine) {
    com.fasterxml.jackson.databind.JsonNode p = SideResult.tree(side, jsonLine).get("profile");
    if (p == null || p.isNull()) {
      return null;
    }
    try {
      return dev.slimnas.space.json.Json.mapper().treeToValue(p, StepProfile.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(side + " worker printed a malformed profile: " + e.getOriginalMessage());
    }
  }

  /** The sum of the per-layer times (forward and backward) of the vertex-by-vertex pass. */
  public double layerTotalMs() {
    return categories.stream().mapToDouble(CategoryTime::totalMs).sum();
  }
}
