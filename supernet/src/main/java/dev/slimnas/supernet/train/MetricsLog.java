package dev.slimnas.supernet.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends JSON lines to {@code RUN/metrics.jsonl}: a header ({@code "kind":"header"}, schema
 * {@value #SCHEMA}, config fingerprint), a {@code "step"} line (the {@link StepResult} fields) every
 * {@code everySteps} steps, an {@code "epoch"} line per epoch ({@link EpochResult} fields) and an
 * {@code "end"} line ({@link TrainResult} without the epochs). On resume, lines after the checkpoint's
 * position are dropped first, so the file reads as if the run had not been interrupted.
 */
public final class MetricsLog implements TrainListener {
  public static final String SCHEMA = "slimnas.metrics";
  public static final int VERSION = 1;
  private static final ObjectWriter LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

  private final int everySteps;
  private Path file;

  /** @param everySteps write every this many steps' results (0: epoch lines only) */
  public MetricsLog(int everySteps) {
    Checks.atLeast("everySteps", everySteps, 0);
    this.everySteps = everySteps;
  }

  @Override
  public void started(TrainRun run) {
    file = run.folder().metrics();
    if (run.resumed() && Files.exists(file)) {
      truncate(file, run.state());
    } else {
      Map<String, Object> header = new TreeMap<>();
      header.put("kind", "header");
      header.put("schema", SCHEMA);
      header.put("version", VERSION);
      header.put("configFingerprint", run.config().fingerprint());
      AtomicFiles.writeString(file, line(header));
    }
  }

  @Override
  public void stepDone(StepResult step, TrainRun run) {
    if (everySteps > 0 && (step.step() + 1) % everySteps == 0) {
      append("step", step);
    }
  }

  @Override
  public void epochDone(EpochResult epoch, TrainRun run) {
    append("epoch", epoch);
  }

  @Override
  public void finished(TrainResult result, TrainRun run) {
    Map<String, Object> m = asMap(result);
    m.remove("epochs");
    m.put("kind", "end");
    write(line(m));
  }

  private void append(String kind, Object record) {
    Map<String, Object> m = asMap(record);
    m.put("kind", kind);
    write(line(m));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object record) {
    return Json.mapper().convertValue(record, TreeMap.class);
  }

  private void write(String line) {
    try {
      Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }

  private static String line(Object value) {
    try {
      return LINE.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a metrics line", e);
    }
  }

  /** Keeps the header, step lines before {@code s.step()} and epoch lines before {@code s.epoch()}. */
  static void truncate(Path file, TrainState s) {
    List<String> kept = new ArrayList<>();
    try {
      for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (l.isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = Json.mapper().readTree(l);
        } catch (JsonProcessingException e) {
          continue; // a line cut short by a kill
        }
        String kind = n.path("kind").asText();
        boolean keep = kind.equals("header")
            || (kind.equals("step") && n.path("step").asLong(Long.MAX_VALUE) < s.step())
            || (kind.equals("epoch") && n.path("epoch").asLong(Long.MAX_VALUE) < s.epoch());
        if (keep) {
          kept.add(l);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
  }
}
