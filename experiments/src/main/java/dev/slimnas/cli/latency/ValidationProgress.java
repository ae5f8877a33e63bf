package dev.slimnas.cli.latency;

import dev.slimnas.space.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a validation has measured so far ({@value #FILE} in its folder, rewritten atomically after every network
 * and every noise process), so a killed run continues where it stopped. A file made with other settings (profile,
 * runtime, networks, timing) is refused rather than mixed in.
 */
final class ValidationProgress {
  static final String FILE = "progress.json";
  static final String SCHEMA = "slimnas.latency-validation-progress";

  /** The file's content. */
  record State(Map<String, String> settings, String loadavgStart, List<ValidationReport.Row> rows, List<Double> noiseMediansMs,
      List<Double> noiseRelativeIqr) {
    State {
      settings = Map.copyOf(settings);
      rows = List.copyOf(rows);
      noiseMediansMs = List.copyOf(noiseMediansMs);
      noiseRelativeIqr = List.copyOf(noiseRelativeIqr);
    }
  }

  private final Path file;
  private State state;

  private ValidationProgress(Path file, State state) {
    this.file = file;
    this.state = state;
  }

  /** The progress in {@code dir}: continued when it was made with {@code settings}, else refused; new when absent. */
  static ValidationProgress open(Path dir, Map<String, String> settings) {
    Path f = dir.resolve(FILE);
    if (!Files.exists(f)) {
      return new ValidationProgress(f, new State(settings, "", List.of(), List.of(), List.of()));
    }
    State s = Json.read(f, SCHEMA, 1, State.class);
    if (!s.settings().equals(new LinkedHashMap<>(settings))) {
      List<String> differ = new ArrayList<>();
      for (String k : settings.keySet()) {
        if (!settings.get(k).equals(s.settings().get(k))) {
          differ.add(k + " (" + s.settings().get(k) + " there, " + settings.get(k) + " now)");
        }
      }
      throw new IllegalArgumentException(f + " holds a validation made with other settings: " + String.join(", ", differ)
          + ": run it with the same settings, or use another --out");
    }
    return new ValidationProgress(f, s);
  }

  /** The load average when the run first started (kept across continuations); {@code now} for a new run. */
  String loadavgStart(String now) {
    if (state.loadavgStart().isEmpty()) {
      state = new State(state.settings(), now, state.rows(), state.noiseMediansMs(), state.noiseRelativeIqr());
    }
    return state.loadavgStart();
  }

  List<ValidationReport.Row> rows() {
    return state.rows();
  }

  List<Double> noiseMediansMs() {
    return state.noiseMediansMs();
  }

  List<Double> noiseRelativeIqr() {
    return state.noiseRelativeIqr();
  }

  void addRow(ValidationReport.Row r) {
    List<ValidationReport.Row> rows = new ArrayList<>(state.rows());
    rows.add(r);
    state = new State(state.settings(), state.loadavgStart(), rows, state.noiseMediansMs(), state.noiseRelativeIqr());
    Json.write(file, SCHEMA, 1, state);
  }

  void addNoise(double medianMs, double relativeIqr) {
    List<Double> m = new ArrayList<>(state.noiseMediansMs());
    List<Double> q = new ArrayList<>(state.noiseRelativeIqr());
    m.add(medianMs);
    q.add(relativeIqr);
    state = new State(state.settings(), state.loadavgStart(), state.rows(), m, q);
    Json.write(file, SCHEMA, 1, state);
  }
}
