package dev.slimnas.optimizers.objective;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.search.ArchEncoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An {@link AccuracyEvaluator} whose results persist in a JSONL file, one line per network, so an
 * interrupted evaluation resumes where it stopped and later searches reuse every earlier evaluation.
 * The first line is a header ({@code "schema": "slimnas.evaluations"}, version, and the settings the
 * accuracies depend on); reopening the file with other settings fails naming both. Each evaluation is
 * appended as one write of one line and forced to disk; a torn last line (a kill mid-write) is cut off on
 * open. Networks are keyed by {@code key} (e.g. a benchmark code). Not thread-safe.
 */
public final class EvaluationLog implements AccuracyEvaluator {
  public static final String SCHEMA = "slimnas.evaluations";
  public static final int VERSION = 1;

  /** One evaluation: key, accuracy in [0, 1], wall seconds it took. */
  public record Entry(String key, double accuracy, double seconds) {}

  private final Path file;
  private final Function<ArchEncoding, String> key;
  private final AccuracyEvaluator delegate;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /**
   * Opens (or creates) {@code file}.
   *
   * @param settings what the accuracies depend on (supernet, data, calibration); must equal the header's
   */
  public EvaluationLog(Path file, Map<String, Object> settings, Function<ArchEncoding, String> key, AccuracyEvaluator delegate) {
    this.file = Objects.requireNonNull(file, "file");
    this.key = Objects.requireNonNull(key, "key");
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    ObjectNode header = Json.mapper().createObjectNode();
    header.put("schema", SCHEMA);
    header.put("version", VERSION);
    header.set("settings", Json.mapper().valueToTree(settings));
    try {
      if (!Files.exists(file) || Files.size(file) == 0) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        append(line(header));
      } else {
        load(header);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  private void load(ObjectNode header) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int complete = bytes.length;
    while (complete > 0 && bytes[complete - 1] != '\n') {
      complete--;
    }
    if (complete < bytes.length) { // torn last line: cut it off
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(complete);
      }
    }
    String[] lines = new String(bytes, 0, complete, StandardCharsets.UTF_8).split("\n");
    if (lines.length == 0 || lines[0].isBlank()) {
      throw new IllegalArgumentException(file + ": no header line");
    }
    JsonNode h = Json.mapper().readTree(lines[0]);
    if (!SCHEMA.equals(h.path("schema").asText()) || h.path("version").asInt() != VERSION) {
      throw new IllegalArgumentException(file + ": not a " + SCHEMA + " v" + VERSION + " file (header " + lines[0] + ")");
    }
    // compared as parsed text: a long written as 1 reads back as an int node, which equals() tells apart
    if (!h.path("settings").equals(Json.mapper().readTree(line(header.get("settings"))))) {
      throw new IllegalArgumentException(file + " holds evaluations made with other settings: " + h.path("settings")
          + " (this run: " + header.get("settings") + "); use another folder or the same options");
    }
    for (int i = 1; i < lines.length; i++) {
      JsonNode n = Json.mapper().readTree(lines[i]);
      Entry e = new Entry(n.path("key").asText(), n.path("accuracy").asDouble(), n.path("seconds").asDouble());
      entries.put(e.key(), e);
    }
  }

  /** One line of JSON (the project's mapper indents). */
  private static String line(JsonNode n) throws IOException {
    return Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(n);
  }

  private void append(String line) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ch.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(false);
    }
  }

  @Override
  public double accuracy(ArchEncoding encoding) {
    String k = key.apply(encoding);
    Entry e = entries.get(k);
    if (e != null) {
      return e.accuracy();
    }
    long t0 = System.nanoTime();
    double acc = delegate.accuracy(encoding);
    Entry fresh = new Entry(k, acc, (System.nanoTime() - t0) / 1e9);
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("key", fresh.key());
    n.put("accuracy", fresh.accuracy());
    n.put("seconds", fresh.seconds());
    try {
      append(line(n));
    } catch (IOException ex) {
      throw new UncheckedIOException(file + ": cannot append: " + ex.getMessage(), ex);
    }
    entries.put(k, fresh);
    return acc;
  }

  /** True when {@code encoding}'s network has been evaluated (now or in an earlier run). */
  public boolean contains(ArchEncoding encoding) {
    return entries.containsKey(key.apply(encoding));
  }

  /** Every evaluation so far, in the order they were made. */
  public Map<String, Entry> entries() {
    return Collections.unmodifiableMap(entries);
  }

  public Path file() {
    return file;
  }
}
