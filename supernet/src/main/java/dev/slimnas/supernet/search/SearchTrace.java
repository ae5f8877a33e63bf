package dev.slimnas.supernet.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-step trace of a search, {@code trace.jsonl}: a header line ({@code "kind":"header"}, schema
 * {@value #SCHEMA}) and one {@code "kind":"step"} line per step ({@link TraceStep}). It is also the search
 * loop's memory: on resume, lines at or after the checkpoint's step are dropped (with a torn last line)
 * and the budget controller restarts from the last kept line. {@link #writeCsv} flattens it for
 * spreadsheets.
 */
public final class SearchTrace {
  public static final String SCHEMA = "slimnas.search-trace";
  public static final int VERSION = 2;
  private static final ObjectMapper MAPPER = Json.mapper();
  private static final ObjectWriter LINE = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  public SearchTrace(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** Starts a new trace with a header holding {@code details} (e.g. the config fingerprint). */
  public void start(Map<String, Object> details) {
    Map<String, Object> header = new TreeMap<>(details);
    header.put("kind", "header");
    header.put("schema", SCHEMA);
    header.put("version", VERSION);
    AtomicFiles.writeString(file, line(header));
  }

  public void append(TraceStep step) {
    Map<String, Object> m = asMap(step);
    m.put("kind", "step");
    try {
      Files.writeString(file, line(m), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Keeps the header and the steps before {@code step} (what a checkpoint at {@code step} has seen) and
   * returns the last kept step, or null when none is left.
   */
  public TraceStep truncateTo(long step) {
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is missing: the search trace is needed to resume");
    }
    List<String> kept = new ArrayList<>();
    TraceStep last = null;
    for (String text : lines()) {
      JsonNode node = parse(text);
      if (node == null) {
        continue; // a line torn by the crash
      }
      if ("step".equals(node.path("kind").asText())) {
        if (node.path("step").asLong() >= step) {
          continue;
        }
        last = toStep(node);
      }
      kept.add(text);
    }
    AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
    return last;
  }

  /** Every step line, in order. */
  public List<TraceStep> steps() {
    List<TraceStep> out = new ArrayList<>();
    int lineNumber = 0;
    for (String text : lines()) {
      lineNumber++;
      JsonNode node = parse(text);
      if (node == null) {
        throw new IllegalArgumentException(file + ":" + lineNumber + ": not a JSON line");
      }
      if ("step".equals(node.path("kind").asText())) {
        out.add(toStep(node));
      }
    }
    return out;
  }

  /**
   * Writes the trace as CSV: step, epoch, phase, ce, accuracy, lr, lambda, latency_ms, soft_latency_ms, then per
   * searchable block its op and its four thresholds.
   */
  public void writeCsv(Path csv) {
    List<TraceStep> steps = steps();
    StringBuilder sb = new StringBuilder("step,epoch,phase,ce,accuracy,lr,lambda,latency_ms,soft_latency_ms");
    if (!steps.isEmpty()) {
      for (TraceStep.TraceBlock b : steps.get(0).blocks()) {
        int i = b.index();
        sb.append(String.format(Locale.ROOT, ",b%d_op,b%d_t_keep,b%d_t_e6,b%d_t_k5,b%d_t_se", i, i, i, i, i));
      }
    }
    sb.append('\n');
    for (TraceStep s : steps) {
      sb.append(String.format(Locale.ROOT, "%d,%d,%s,%.6f,%.4f,%.6g,%.6g,%.4f,%.4f", s.step(), s.epoch(), s.phase(), s.ce(),
          s.accuracy(), s.lr(), s.lambda(), s.latencyMs(), s.softLatencyMs()));
      for (TraceStep.TraceBlock b : s.blocks()) {
        double[] t = b.thresholds();
        sb.append(String.format(Locale.ROOT, ",%s,%.6g,%.6g,%.6g,%.6g", b.op(), t[0], t[1], t[2], t[3]));
      }
      sb.append('\n');
    }
    AtomicFiles.writeString(csv, sb.toString());
  }

  private List<String> lines() {
    try {
      List<String> out = new ArrayList<>();
      for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!l.isBlank()) {
          out.add(l);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private TraceStep toStep(JsonNode node) {
    com.fasterxml.jackson.databind.node.ObjectNode o = node.deepCopy();
    o.remove("kind"); // the record has no kind field, and unknown fields are rejected
    try {
      return MAPPER.treeToValue(o, TraceStep.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": step line " + node.path("step").asText("?") + " is not a trace step: "
          + e.getOriginalMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object record) {
    return MAPPER.convertValue(record, TreeMap.class);
  }

  private static String line(Object value) {
    try {
      return LINE.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
