package dev.slimnas.supernet.profile;

import dev.slimnas.latency.profile.DeviceInfo;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The {@link DeviceInfo} of this machine and ND4J backend. */
public final class LocalDevice {
  private LocalDevice() {}

  /** This host: CPU model from /proc/cpuinfo, OS, ND4J backend and version, fp32. */
  public static DeviceInfo describe(String id, int threads, int batch) {
    Map<String, Object> nd4j = Nd4jSetup.describe();
    String runtime = "ND4J " + nd4j.get("backend") + (Boolean.TRUE.equals(nd4j.get("oneDnnHelpers")) ? " (oneDNN helpers)" : "")
        + ", DL4J ComputationGraph";
    String version = String.valueOf(nd4j.get("nd4j"));
    if (version.equals("unknown")) { // no manifest version: the jar name tells it, e.g. nd4j-api-1.0.0-M2.1.jar
      version = dev.slimnas.space.io.Provenance.captureEnvironment().getOrDefault("nd4j", "unknown");
    }
    return new DeviceInfo(id, hostName(), cpuModel(), System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"), runtime, version, "fp32", threads, batch);
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** The first "model name" of /proc/cpuinfo, or "unknown". */
  public static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name") && line.indexOf(':') > 0) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
    return "unknown";
  }
}
