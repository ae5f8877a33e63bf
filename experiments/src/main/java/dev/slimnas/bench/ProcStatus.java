package dev.slimnas.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory figures of this process from Linux's {@code /proc/self/status}. */
public final class ProcStatus {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcStatus() {}

  /** Peak resident set size (VmHWM) in MiB, or -1 where {@code /proc} is not available. */
  public static double peakRssMb() {
    try {
      return fieldMb(Files.readString(STATUS), "VmHWM");
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The value of a {@code kB} field such as {@code VmHWM:   123456 kB} in MiB, or -1 when absent. */
  static double fieldMb(String status, String field) {
    for (String line : status.split("\n")) {
      if (line.startsWith(field + ":")) {
        String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
        return Long.parseLong(parts[0]) / 1024.0;
      }
    }
    return -1;
  }
}
