package dev.slimnas.cli.experiment;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slimnas.optimizers.groundtruth.SearchOutcome;
import dev.slimnas.space.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The finished budgeted searches of a ground-truth run ({@code searches.jsonl}, one forced line per
 * (cost, quantile, seed)), so a resumed or report-only run reuses them; a torn last line is ignored.
 */
final class SearchRecords {
  /** NSGA-II's and random search's outcomes under one budget for one seed, with the pool size random search drew from. */
  record Record(String cost, double quantile, double budget, long seed, SearchOutcome nsga, SearchOutcome random, int poolSize,
      int newEvaluations, double seconds) {}

  private final Path file;
  private final Map<String, Record> records = new LinkedHashMap<>();

  SearchRecords(Path file) {
    this.file = file;
    if (Files.exists(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          try {
            Record r = Json.mapper().readValue(line, Record.class);
            records.put(key(r.cost(), r.quantile(), r.seed()), r);
          } catch (IOException torn) {
            // a line cut by a kill: the search runs again
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": " + e.getMessage(), e);
      }
    }
  }

  private static String key(String cost, double q, long seed) {
    return String.format(Locale.ROOT, "%s/%.4f/%d", cost, q, seed);
  }

  Record get(String cost, double q, long seed) {
    return records.get(key(cost, q, seed));
  }

  void add(Record r) {
    try {
      String line = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r) + "\n";
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        ch.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot append: " + e.getMessage(), e);
    }
    records.put(key(r.cost(), r.quantile(), r.seed()), r);
  }
}
