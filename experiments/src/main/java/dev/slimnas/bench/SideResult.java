package dev.slimnas.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.space.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One side's measurement in one round, as its worker reported it in its one JSON line.
 *
 * @param side {@code dl4j} or {@code pytorch}
 * @param imagesPerS images per second over the timed steps (warm-up excluded)
 * @param params trainable parameters of the network the side built
 * @param peakRssMb the worker process's peak resident set size in MiB (VmHWM / ru_maxrss)
 * @param facts everything else the worker reported (versions, threads, backend), without its profile
 */
public record SideResult(String side, double imagesPerS, long params, double peakRssMb, Map<String, Object> facts) {
  public static final String DL4J = "dl4j";
  public static final String PYTORCH = "pytorch";

  public SideResult {
    Objects.requireNonNull(side, "side");
    if (!(imagesPerS > 0) || Double.isInfinite(imagesPerS)) {
      throw new IllegalArgumentException(side + ": images/s must be positive and finite, got " + imagesPerS);
    }
    if (params < 0) {
      throw new IllegalArgumentException(side + ": params must be >= 0, got " + params);
    }
    facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  /**
   * Reads a worker's JSON line: {@code images_per_s}, {@code params} and {@code peak_rss_mb} are required,
   * every other field except {@code profile} goes to {@link #facts()}.
   */
  public static SideResult parse(String side, String jsonLine) {
    JsonNode n = tree(side, jsonLine);
    Map<String, Object> facts = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> {
      String k = e.getKey();
      if (!k.equals("images_per_s") && !k.equals("params") && !k.equals("peak_rss_mb") && !k.equals("profile")) {
        facts.put(k, Json.mapper().convertValue(e.getValue(), Object.class));
      }
    });
    return new SideResult(side, number(side, n, "images_per_s"), (long) number(side, n, "params"),
        number(side, n, "peak_rss_mb"), facts);
  }

  /** The worker line parsed as a JSON object; a malformed line is an error naming the side. */
  static JsonNode tree(String side, String jsonLine) {
    JsonNode n;
    try {
      n = Json.mapper().readTree(jsonLine);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(side + " worker printed malformed JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      throw new IllegalStateException(side + " worker printed no JSON object");
    }
    return n;
  }

  private static double number(String side, JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalStateException(side + " worker result has no number '" + field + "': " + n);
    }
    return v.asDouble();
  }

  /**
   * Images per CPU-second of the whole worker process over its timed steps ({@code images_per_s} divided
   * by the reported {@code cpu_per_wall}), or null when the worker did not report its CPU time. Less
   * sensitive than images/s to other processes taking the cores, though not immune (threads that spin
   * while waiting for a descheduled peer burn CPU).
   */
  public Double imagesPerCpuSecond() {
    return facts.get("cpu_per_wall") instanceof Number n && n.doubleValue() > 0 ? imagesPerS / n.doubleValue() : null;
  }

  /** A string fact, or {@code fallback} when absent. */
  public String fact(String key, String fallback) {
    Object v = facts.get(key);
    return v == null ? fallback : v.toString();
  }
}
