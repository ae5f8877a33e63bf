package dev.slimnas.latency.profile;

import java.util.Objects;

/**
 * Where and how a profile was measured.
 *
 * @param id short name, used as the latency model id (e.g. {@code local-cpu}, {@code pixel1-proxylessnas})
 * @param device the device, e.g. {@code Google Pixel 1} or the host name
 * @param cpu the CPU model ("unknown" when not stated)
 * @param os operating system ("unknown" when not stated)
 * @param runtime inference runtime, e.g. {@code ND4J CPU (oneDNN)} or {@code TFLite}
 * @param runtimeVersion its version ("unknown" when not stated)
 * @param precision numeric precision, e.g. {@code fp32}
 * @param threads threads used (0 when not stated)
 * @param batch batch size of the measurements
 */
public record DeviceInfo(String id, String device, String cpu, String os, String runtime, String runtimeVersion,
    String precision, int threads, int batch) {
  public DeviceInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(runtimeVersion, "runtimeVersion");
    Objects.requireNonNull(precision, "precision");
    if (id.isBlank()) {
      throw new IllegalArgumentException("device id must not be blank");
    }
    if (threads < 0 || batch < 1) {
      throw new IllegalArgumentException("need threads >= 0 and batch >= 1, got threads " + threads + ", batch " + batch);
    }
  }

  public DeviceInfo withBatch(int b) {
    return new DeviceInfo(id, device, cpu, os, runtime, runtimeVersion, precision, threads, b);
  }
}
