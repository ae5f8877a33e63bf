package dev.slimnas.latency.profile;

import java.util.Objects;

/** One measured part of a profile. */
public record ProfileEntry(ProfilePart part, Measurement latency) {
  public ProfileEntry {
    Objects.requireNonNull(part, "part");
    Objects.requireNonNull(latency, "latency");
  }

  public String key() {
    return part.key();
  }
}
