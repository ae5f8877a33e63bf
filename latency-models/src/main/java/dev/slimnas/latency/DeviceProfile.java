package dev.slimnas.latency;

import java.util.Objects;

/**
 * Metadata of a latency model: what was measured, how, and where the numbers come from.
 *
 * @param id short name used on the command line, e.g. {@code pixel1-singlepath}
 * @param device device name, e.g. {@code Google Pixel 1}
 * @param runtime inference runtime and version, e.g. {@code TFLite}
 * @param precision numeric precision, e.g. {@code fp32}
 * @param threads threads used in measurement (0 when not applicable)
 * @param batch batch size of the measurement (0 when not applicable)
 * @param unit unit of predictions: {@code ms} for devices, e.g. {@code MMAC} for proxies
 * @param source provenance of the numbers (paper, repository, commit, file checksum)
 */
public record DeviceProfile(
    String id, String device, String runtime, String precision, int threads, int batch, String unit, String source) {
  public DeviceProfile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(source, "source");
  }

  /** True when predictions are milliseconds on a device rather than a cost proxy. */
  public boolean isLatency() {
    return unit.equals("ms");
  }
}
