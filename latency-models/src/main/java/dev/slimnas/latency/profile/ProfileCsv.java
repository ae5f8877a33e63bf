package dev.slimnas.latency.profile;

import dev.slimnas.space.spec.BlockOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The simple CSV form of a profile, for measurements made elsewhere (e.g. on a phone): one row per
 * measured part, {@code #} starts a comment line, the header is required.
 *
 * <pre>
 * part,resolution,in_channels,out_channels,stride,kernel,expansion,hidden,se,classes,ms,spread_ms,samples
 * stem,224,3,32,2,3,,,,,4.397,0.395,949
 * block,112,32,16,1,3,1,,,,4.036,,310
 * block,56,24,24,1,5,6,144,0,,10.66,0.32,
 * head,7,320,1280,,,,,,1000,7.22,,
 * overhead,1,1,,,,,,,,0.021,,
 * </pre>
 *
 * <ul>
 *   <li>{@code block}: input resolution and width, output width, stride, depthwise kernel, expansion;
 *       {@code hidden} defaults to input width x expansion, {@code se} (SE reduce width) to 0 (no SE).
 *       The residual add is implied by stride 1 and equal widths.
 *   <li>{@code stem}: input resolution and channels, stem width ({@code out_channels}), stride, kernel.
 *   <li>{@code head}: resolution and width entering the head, head width ({@code out_channels}),
 *       {@code classes}; the value covers head conv, pooling and classifier.
 *   <li>{@code overhead}: the per-call cost of the runtime on a tiny input (resolution, in_channels).
 * </ul>
 *
 * {@code ms} is required (milliseconds, one inference at the profile's batch size); {@code spread_ms}
 * and {@code samples} may be empty. Whole-network entries have no CSV form.
 */
public final class ProfileCsv {
  public static final String HEADER =
      "part,resolution,in_channels,out_channels,stride,kernel,expansion,hidden,se,classes,ms,spread_ms,samples";
  private static final List<String> COLUMNS = List.of(HEADER.split(","));

  private ProfileCsv() {}

  /** Parses the CSV text; errors name the source, line and column. */
  public static LatencyProfile parse(String text, String source, DeviceInfo device, String statistic, String spread) {
    String[] lines = text.split("\\R"); // any line break, so no message quotes a lone CR
    int header = -1;
    List<ProfileEntry> entries = new ArrayList<>();
    Map<String, Integer> lineOf = new java.util.HashMap<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (header < 0) {
        if (!line.replace(" ", "").equalsIgnoreCase(HEADER)) {
          throw new IllegalArgumentException(source + ": line " + (i + 1) + ": expected the header '" + HEADER + "'");
        }
        header = i;
        continue;
      }
      Row r = new Row(source, i + 1, line.split(",", -1));
      try {
        ProfileEntry e = new ProfileEntry(r.part(), r.measurement());
        Integer before = lineOf.putIfAbsent(e.key(), i + 1);
        if (before != null) {
          throw new IllegalArgumentException(source + ": line " + (i + 1) + ": measures the same part as line " + before + " ("
              + e.key() + ")");
        }
        entries.add(e);
      } catch (IllegalArgumentException e) {
        throw e.getMessage().startsWith(source) ? e : new IllegalArgumentException(source + ": line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (header < 0) {
      throw new IllegalArgumentException(source + ": no header line '" + HEADER + "'");
    }
    try {
      return new LatencyProfile(device, "unknown", statistic, spread, Map.of("source", source), entries);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /** The CSV text of a profile (network entries are left out: they have no CSV form). */
  public static String format(LatencyProfile p) {
    StringBuilder sb = new StringBuilder("# profile ").append(p.device().id()).append(", ").append(p.statistic())
        .append(" / ").append(p.spread()).append(", batch ").append(p.device().batch()).append('\n').append(HEADER).append('\n');
    for (ProfileEntry e : p.entries()) {
      String row = row(e.part());
      if (row == null) {
        continue;
      }
      Measurement m = e.latency();
      sb.append(row).append(',').append(num(m.ms())).append(',').append(m.spreadMs() > 0 ? num(m.spreadMs()) : "")
          .append(',').append(m.samples() > 0 ? Integer.toString(m.samples()) : "").append('\n');
    }
    return sb.toString();
  }

  private static String row(ProfilePart part) {
    if (part instanceof BlockShape b) {
      return String.join(",", "block", s(b.inResolution()), s(b.inChannels()), s(b.outChannels()), s(b.stride()),
          s(b.op().kernel()), s(b.op().expansion()), s(b.hidden()), s(b.se()), "");
    }
    if (part instanceof StemShape st) {
      return String.join(",", "stem", s(st.resolution()), s(st.inChannels()), s(st.outChannels()), s(st.stride()),
          s(st.kernel()), "", "", "", "");
    }
    if (part instanceof HeadShape h) {
      return String.join(",", "head", s(h.resolution()), s(h.inChannels()), s(h.channels()), "", "", "", "", "", s(h.classes()));
    }
    if (part instanceof CallOverhead o) {
      return String.join(",", "overhead", s(o.resolution()), s(o.channels()), "", "", "", "", "", "", "");
    }
    return null;
  }

  private static String s(int v) {
    return Integer.toString(v);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  /** One data row with column access by name and messages naming line and column. */
  private record Row(String source, int line, String[] f) {
    Row {
      if (f.length != COLUMNS.size()) {
        throw new IllegalArgumentException(source + ": line " + line + ": expected " + COLUMNS.size() + " fields, got " + f.length);
      }
    }

    String text(String col) {
      return f[COLUMNS.indexOf(col)].strip();
    }

    boolean has(String col) {
      return !text(col).isEmpty();
    }

    int integer(String col) {
      String t = text(col);
      if (t.isEmpty()) {
        throw new IllegalArgumentException(source + ": line " + line + ", column " + col + ": value required for part "
            + text("part"));
      }
      try {
        return Integer.parseInt(t);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(source + ": line " + line + ", column " + col + ": not an integer: '" + t + "'");
      }
    }

    double number(String col) {
      String t = text(col);
      try {
        return Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(source + ": line " + line + ", column " + col + ": not a number: '" + t + "'");
      }
    }

    ProfilePart part() {
      String kind = text("part").toLowerCase(Locale.ROOT);
      switch (kind) {
        case "block": {
          int in = integer("in_channels");
          int e = integer("expansion");
          int se = has("se") ? integer("se") : 0;
          int hidden = has("hidden") ? integer("hidden") : in * e;
          return new BlockShape(integer("resolution"), in, integer("out_channels"), integer("stride"),
              BlockOp.mbconv(integer("kernel"), e, se > 0), hidden, se);
        }
        case "stem":
          return new StemShape(integer("resolution"), integer("in_channels"), integer("kernel"), integer("stride"),
              integer("out_channels"));
        case "head":
          return new HeadShape(integer("resolution"), integer("in_channels"), integer("out_channels"), integer("classes"));
        case "overhead":
          return new CallOverhead(integer("resolution"), integer("in_channels"));
        default:
          throw new IllegalArgumentException(source + ": line " + line + ", column part: unknown part '" + text("part")
              + "' (expected block, stem, head or overhead)");
      }
    }

    Measurement measurement() {
      return new Measurement(number("ms"), has("spread_ms") ? number("spread_ms") : 0, has("samples") ? integer("samples") : 0, 0, 1);
    }
  }
}
