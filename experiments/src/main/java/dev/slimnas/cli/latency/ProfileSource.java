package dev.slimnas.cli.latency;

import dev.slimnas.latency.profile.DeviceInfo;
import dev.slimnas.latency.profile.LatencyProfile;
import dev.slimnas.latency.profile.ProfileFiles;
import dev.slimnas.latency.profile.ProxylessFormat;
import java.nio.file.Path;

/** The profile a latency command reads: a file of any supported format, or the vendored Pixel 1 table. */
final class ProfileSource {
  private ProfileSource() {}

  /** {@code file} (imports are described as device {@code deviceId}), or the ProxylessNAS Pixel 1 table when null. */
  static LatencyProfile load(Path file, String deviceId) {
    if (file == null) {
      return ProxylessFormat.pixel1();
    }
    String id = deviceId != null ? deviceId : file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    DeviceInfo imported = new DeviceInfo(id, "unknown (imported from " + file.getFileName() + ")", "unknown", "unknown",
        "unknown", "unknown", "fp32", 0, 1);
    return ProfileFiles.load(file, imported);
  }

  /** One line: id, device, runtime, batch, entry counts. */
  static String describe(LatencyProfile p) {
    long blocks = p.entriesOf(dev.slimnas.latency.profile.BlockShape.class).size();
    long stems = p.entriesOf(dev.slimnas.latency.profile.StemShape.class).size();
    long heads = p.entriesOf(dev.slimnas.latency.profile.HeadShape.class).size();
    long nets = p.entriesOf(dev.slimnas.latency.profile.NetworkShape.class).size();
    var d = p.device();
    return "profile " + d.id() + ": " + d.device() + (d.cpu().equals("unknown") ? "" : " (" + d.cpu() + ")") + ", " + d.runtime()
        + ", batch " + d.batch() + (d.threads() > 0 ? ", " + d.threads() + " thread(s)" : "") + "; " + blocks + " blocks, "
        + stems + " stems, " + heads + " heads, " + nets + " networks, call overhead "
        + (p.overheadMs().isPresent() ? String.format(java.util.Locale.ROOT, "%.3f ms", p.overheadMs().getAsDouble()) : "not measured")
        + "; values are " + p.statistic() + "s of the " + p.clock() + " clock";
  }
}
