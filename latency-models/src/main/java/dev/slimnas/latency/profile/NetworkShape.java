package dev.slimnas.latency.profile;

import dev.slimnas.space.json.Json;
import dev.slimnas.space.spec.ArchSpec;
import java.util.Objects;

/**
 * A whole network measured end to end; profiles carry a few of them to calibrate what the sum of
 * separately measured parts misses (see {@code dev.slimnas.latency.fit.Calibration}).
 */
public record NetworkShape(ArchSpec arch) implements ProfilePart {
  public NetworkShape {
    Objects.requireNonNull(arch, "arch");
  }

  @Override
  public String key() {
    return "network:" + arch.name() + ":" + Json.fingerprint(arch);
  }
}
