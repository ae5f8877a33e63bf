package dev.slimnas.latency.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a profile from any supported file: a profile JSON document ({@code .json}), the simple CSV
 * ({@link ProfileCsv}, header {@code part,...}), or the ProxylessNAS table as YAML or flattened CSV
 * (header {@code key,...}). Imported files get {@code device} as their device description.
 */
public final class ProfileFiles {
  private ProfileFiles() {}

  public static LatencyProfile load(Path file, DeviceInfo device) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return LatencyProfile.read(file);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": file not found");
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
    }
    String first = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst().orElse("");
    if (first.startsWith("part,")) {
      return ProfileCsv.parse(text, file.toString(), device, "median", "iqr");
    }
    if (first.startsWith("key,") || name.endsWith(".yaml") || name.endsWith(".yml")) {
      return ProxylessFormat.fromText(text.strip(), file.toString(), device);
    }
    throw new IllegalArgumentException(file + ": not a profile: expected a .json profile, a CSV with the header '"
        + ProfileCsv.HEADER + "', or a ProxylessNAS table (.yaml, or CSV with a 'key' column)");
  }
}
