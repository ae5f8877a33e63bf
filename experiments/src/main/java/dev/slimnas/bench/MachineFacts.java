package dev.slimnas.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Facts about the machine a benchmark ran on: CPU model, cores, Java, OS. */
public final class MachineFacts {
  private MachineFacts() {}

  /** The facts of this machine and JVM. */
  public static Map<String, Object> capture() {
    Map<String, Object> m = new LinkedHashMap<>();
    String cpuinfo;
    try {
      cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
    } catch (IOException | RuntimeException e) {
      cpuinfo = "";
    }
    m.put("cpu", cpuModel(cpuinfo));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    return m;
  }

  /** The first {@code model name} of a {@code /proc/cpuinfo} text, or "unknown". */
  static String cpuModel(String cpuinfo) {
    for (String line : cpuinfo.split("\n")) {
      if (line.startsWith("model name")) {
        int colon = line.indexOf(':');
        if (colon >= 0) {
          return line.substring(colon + 1).trim();
        }
      }
    }
    return "unknown";
  }
}
