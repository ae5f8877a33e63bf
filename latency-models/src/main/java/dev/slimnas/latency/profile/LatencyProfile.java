package dev.slimnas.latency.profile;

import dev.slimnas.latency.DeviceProfile;
import dev.slimnas.space.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A device profile: measured latencies of the parts a space needs (blocks, stem, head), the
 * per-call overhead and optionally whole networks, with the device and measurement conditions.
 * JSON document {@value #SCHEMA}, version {@value #VERSION}; keys are unique.
 *
 * @param device where and how it was measured
 * @param clock what was timed: {@code wall} (elapsed time), {@code thread-cpu} (CPU time of the calling
 *     thread, single-threaded runs only: equal to the latency on an idle machine, blind to time slices
 *     lost to other processes) or {@code unknown} (imported)
 * @param statistic what {@link Measurement#ms()} holds: {@code median} (default of profiles made here), another
 *     quantile of the timings such as {@code p10}, or {@code mean} (imported tables)
 * @param spread what {@link Measurement#spreadMs()} holds: {@code iqr}, {@code std} or {@code none}
 * @param provenance how it was made (command, code commit, backend facts, settings, source table)
 * @param entries the measurements, in measuring order
 */
public record LatencyProfile(DeviceInfo device, String clock, String statistic, String spread, Map<String, String> provenance,
    List<ProfileEntry> entries) {
  public static final String SCHEMA = "slimnas.latency-profile";
  public static final int VERSION = 1;

  public LatencyProfile {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(statistic, "statistic");
    Objects.requireNonNull(spread, "spread");
    provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    entries = List.copyOf(entries);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Integer before = seen.put(entries.get(i).key(), i);
      if (before != null) {
        throw new IllegalArgumentException("profile '" + device.id() + "': entries " + before + " and " + i
            + " measure the same part " + entries.get(i).key());
      }
    }
  }

  /** An empty profile for a device, timed by {@code clock}, with median / IQR summaries. */
  public static LatencyProfile empty(DeviceInfo device, String clock, Map<String, String> provenance) {
    return empty(device, clock, "median", provenance);
  }

  /** An empty profile whose values will be {@code statistic} (e.g. {@code p10}) of the timings, spread IQR. */
  public static LatencyProfile empty(DeviceInfo device, String clock, String statistic, Map<String, String> provenance) {
    return new LatencyProfile(device, clock, statistic, "iqr", provenance, List.of());
  }

  /** The same profile with {@code e} added, or replacing the entry for the same part. */
  public LatencyProfile with(ProfileEntry e) {
    List<ProfileEntry> out = new ArrayList<>(entries);
    int i = indexOf(e.key());
    if (i >= 0) {
      out.set(i, e);
    } else {
      out.add(e);
    }
    return new LatencyProfile(device, clock, statistic, spread, provenance, out);
  }

  public LatencyProfile withEntries(List<ProfileEntry> newEntries) {
    return new LatencyProfile(device, clock, statistic, spread, provenance, newEntries);
  }

  public LatencyProfile withDevice(DeviceInfo d) {
    return new LatencyProfile(d, clock, statistic, spread, provenance, entries);
  }

  public LatencyProfile withProvenance(Map<String, String> p) {
    return new LatencyProfile(device, clock, statistic, spread, p, entries);
  }

  private int indexOf(String key) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).key().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** The entry measuring {@code part}, if any. */
  public Optional<ProfileEntry> find(ProfilePart part) {
    int i = indexOf(part.key());
    return i < 0 ? Optional.empty() : Optional.of(entries.get(i));
  }

  public boolean contains(ProfilePart part) {
    return indexOf(part.key()) >= 0;
  }

  /** The entries of one kind of part, in order. */
  public List<ProfileEntry> entriesOf(Class<? extends ProfilePart> kind) {
    return entries.stream().filter(e -> kind.isInstance(e.part())).toList();
  }

  /** The measured per-call overhead (the smallest if several were measured), if any. */
  public OptionalDouble overheadMs() {
    return entriesOf(CallOverhead.class).stream().mapToDouble(e -> e.latency().ms()).min();
  }

  /** The metadata of latency models fitted on this profile. */
  public DeviceProfile deviceProfile(String idSuffix, String howFitted) {
    String src = howFitted + " on profile '" + device.id() + "' (" + entries.size() + " entries"
        + (provenance.containsKey("source") ? ", " + provenance.get("source") : "") + ")";
    String dev = device.device() + (device.cpu().equals("unknown") ? "" : ", " + device.cpu());
    String rt = device.runtime() + (device.runtimeVersion().equals("unknown") ? "" : " " + device.runtimeVersion());
    return new DeviceProfile(device.id() + idSuffix, dev, rt, device.precision(), device.threads(), device.batch(), "ms", src);
  }

  /** The JSON document. */
  public String toJson() {
    return Json.toJson(SCHEMA, VERSION, this);
  }

  /** Writes the profile atomically. */
  public void write(Path file) {
    Json.write(file, SCHEMA, VERSION, this);
  }

  /** Reads a profile; problems are one-line errors naming the file. */
  public static LatencyProfile read(Path file) {
    return Json.read(file, SCHEMA, VERSION, LatencyProfile.class);
  }

  public static LatencyProfile parse(String text, String source) {
    return Json.parse(text, source, SCHEMA, VERSION, LatencyProfile.class);
  }
}
