package dev.slimnas.latency.profile;

import dev.slimnas.latency.lut.ProxylessTable;
import dev.slimnas.latency.lut.TableResources;
import dev.slimnas.space.spec.BlockOp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports the ProxylessNAS lookup-table format (Cai et al., arXiv:1812.00332): either the original
 * YAML ({@code "<op>-input:HxWxC-output:HxWxC[-expand:E-kernel:K-stride:S-idskip:0|1]":} with
 * {@code count}, {@code mean}, {@code var} in ms) or its flattened CSV (columns {@code key}, {@code count},
 * {@code mean_ms}, {@code var_ms2}). {@code Conv} is the stem, {@code expanded_conv} a block, and
 * {@code Conv_1} (head conv) plus {@code Logits} (classifier) at the same width form the head entry.
 * Values are means and the spread is the standard deviation (square root of {@code var}).
 */
public final class ProxylessFormat {
  private static final Pattern BLOCK = Pattern.compile("expanded_conv-input:(\\d+)x(\\d+)x(\\d+)-output:(\\d+)x(\\d+)x(\\d+)"
      + "-expand:(\\d+)-kernel:(\\d+)-stride:(\\d+)-idskip:([01])");
  private static final Pattern STEM = Pattern.compile("Conv-input:(\\d+)x(\\d+)x(\\d+)-output:(\\d+)x(\\d+)x(\\d+)");
  private static final Pattern HEAD = Pattern.compile("Conv_1-input:(\\d+)x(\\d+)x(\\d+)-output:(\\d+)x(\\d+)x(\\d+)");
  private static final Pattern LOGITS = Pattern.compile("Logits-input:(\\d+)x(\\d+)x(\\d+)-output:(\\d+)");

  private ProxylessFormat() {}

  /** One raw table row: key, sample count, mean and variance. */
  record Raw(String key, int count, double mean, double var) {}

  /** The vendored Pixel 1 table (checksum verified) as a profile. */
  public static LatencyProfile pixel1() {
    byte[] csv = TableResources.load(ProxylessTable.RESOURCE, ProxylessTable.MD5);
    DeviceInfo d = new DeviceInfo(ProxylessTable.ID, "Google Pixel 1", "unknown", "Android", "TFLite (ProxylessNAS lookup table)",
        "unknown", "fp32", 0, 1);
    return fromText(new String(csv, StandardCharsets.UTF_8), ProxylessTable.RESOURCE + " (md5 " + ProxylessTable.MD5 + ")", d);
  }

  /** Parses either form (recognised by the CSV header {@code key,}) into a profile for {@code device}. */
  public static LatencyProfile fromText(String text, String source, DeviceInfo device) {
    List<Raw> raws = text.startsWith("key,") ? csvRows(text, source) : yamlRows(text, source);
    return toProfile(raws, source, device);
  }

  static List<Raw> csvRows(String text, String source) {
    String[] lines = text.split("\\R"); // any line break, so no message quotes a lone CR
    List<String> header = List.of(lines[0].split(","));
    int key = header.indexOf("key");
    int count = header.indexOf("count");
    int mean = header.indexOf("mean_ms");
    int var = header.indexOf("var_ms2");
    if (key < 0 || count < 0 || mean < 0 || var < 0) {
      throw new IllegalArgumentException(source + ": line 1: the header needs the columns key, count, mean_ms, var_ms2");
    }
    List<Raw> out = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] f = lines[i].split(",", -1);
      if (f.length != header.size()) {
        throw new IllegalArgumentException(source + ": line " + (i + 1) + ": expected " + header.size() + " fields, got " + f.length);
      }
      try {
        out.add(checked(new Raw(f[key], Integer.parseInt(f[count]), Double.parseDouble(f[mean]), Double.parseDouble(f[var])),
            source + ": line " + (i + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(source + ": line " + (i + 1) + ": count (an integer), mean_ms and var_ms2 must be"
            + " numbers, got '" + f[count] + "', '" + f[mean] + "', '" + f[var] + "'");
      }
    }
    return out;
  }

  static List<Raw> yamlRows(String text, String source) {
    List<Raw> out = new ArrayList<>();
    String key = null;
    Map<String, String> fields = new LinkedHashMap<>();
    String[] lines = text.split("\\R"); // any line break, so no message quotes a lone CR
    for (int i = 0; i <= lines.length; i++) {
      String line = i < lines.length ? lines[i] : "";
      boolean top = i == lines.length || (!line.isBlank() && !Character.isWhitespace(line.charAt(0)));
      if (top && key != null) {
        out.add(raw(key, fields, source));
        fields.clear();
        key = null;
      }
      if (i == lines.length || line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      String t = line.strip();
      int colon = t.lastIndexOf(':');
      if (top) {
        if (!t.endsWith(":")) {
          throw new IllegalArgumentException(source + ": line " + (i + 1) + ": expected '<layer key>:'");
        }
        key = t.substring(0, t.length() - 1).replace("\"", "").replace("'", "");
      } else if (key == null || colon < 0) {
        throw new IllegalArgumentException(source + ": line " + (i + 1) + ": expected 'count:', 'mean:' or 'var:' under a layer key");
      } else {
        fields.put(t.substring(0, colon).strip(), t.substring(colon + 1).strip());
      }
    }
    return out;
  }

  private static Raw raw(String key, Map<String, String> f, String source) {
    try {
      return checked(new Raw(key, Integer.parseInt(f.getOrDefault("count", "0")), Double.parseDouble(f.get("mean")),
          Double.parseDouble(f.getOrDefault("var", "0"))), source + ": entry '" + key + "'");
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException(source + ": entry '" + key + "': needs a numeric 'mean' (and numeric count, var)");
    }
  }

  /** A measured entry: a positive, finite mean, a finite variance >= 0 and a count >= 0; {@code where} names it. */
  private static Raw checked(Raw r, String where) {
    if (!(r.mean() > 0) || Double.isInfinite(r.mean())) {
      throw new IllegalArgumentException(where + ": the mean must be a positive, finite number of ms, got " + r.mean());
    }
    if (!(r.var() >= 0) || Double.isInfinite(r.var())) {
      throw new IllegalArgumentException(where + ": the variance must be finite and >= 0, got " + r.var());
    }
    if (r.count() < 0) {
      throw new IllegalArgumentException(where + ": the count must be >= 0, got " + r.count());
    }
    return r;
  }

  static LatencyProfile toProfile(List<Raw> raws, String source, DeviceInfo device) {
    List<ProfileEntry> entries = new ArrayList<>();
    Map<String, Raw> logits = new LinkedHashMap<>();
    List<Raw> heads = new ArrayList<>();
    for (Raw r : raws) {
      String where = source + ": entry '" + r.key() + "'";
      try {
        classify(r, source, entries, logits, heads);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": a number in the key is out of range (" + e.getMessage() + ")");
      } catch (IllegalArgumentException e) {
        // shape records reject zero or negative sizes without knowing the file: name it and the entry
        throw e.getMessage() != null && e.getMessage().startsWith(source) ? e : new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return assemble(entries, logits, heads, source, device);
  }

  private static void classify(Raw r, String source, List<ProfileEntry> entries, Map<String, Raw> logits, List<Raw> heads) {
    Matcher m;
    if ((m = BLOCK.matcher(r.key())).matches()) {
      entries.add(new ProfileEntry(block(m, r, source), measurement(r.mean(), r.var(), r.count())));
    } else if ((m = STEM.matcher(r.key())).matches()) {
      int in = g(m, 1);
      int out = g(m, 4);
      if (in < 1 || out < 1 || in % out != 0) {
        throw new IllegalArgumentException(source + ": entry '" + r.key() + "': the stem's input " + in + " and output "
            + out + " resolutions must be positive, the input a multiple of the output");
      }
      int stride = in / out;
      entries.add(new ProfileEntry(new StemShape(in, g(m, 3), 3, stride, g(m, 6)), measurement(r.mean(), r.var(), r.count())));
    } else if ((m = LOGITS.matcher(r.key())).matches()) {
      logits.put(g(m, 1) + "x" + g(m, 3), r);
    } else if (HEAD.matcher(r.key()).matches()) {
      heads.add(r);
    } else {
      throw new IllegalArgumentException(source + ": entry '" + r.key() + "' is not a ProxylessNAS layer key "
          + "(Conv, Conv_1, Logits or expanded_conv with expand, kernel, stride, idskip)");
    }
  }

  private static LatencyProfile assemble(List<ProfileEntry> entries, Map<String, Raw> logits, List<Raw> heads, String source,
      DeviceInfo device) {
    for (Raw h : heads) {
      Matcher m = HEAD.matcher(h.key());
      m.matches();
      Raw l = logits.remove(g(m, 4) + "x" + g(m, 6));
      if (l == null) {
        throw new IllegalArgumentException(source + ": head conv '" + h.key() + "' has no Logits entry with input "
            + g(m, 4) + "x" + g(m, 5) + "x" + g(m, 6));
      }
      Matcher lm = LOGITS.matcher(l.key());
      lm.matches();
      entries.add(new ProfileEntry(new HeadShape(g(m, 1), g(m, 3), g(m, 6), g(lm, 4)),
          measurement(h.mean() + l.mean(), h.var() + l.var(), Math.min(h.count(), l.count()))));
    }
    if (!logits.isEmpty()) {
      throw new IllegalArgumentException(source + ": Logits entries without a Conv_1 head conv: " + logits.keySet());
    }
    Map<String, String> prov = new LinkedHashMap<>();
    prov.put("source", source);
    prov.put("format", "ProxylessNAS lookup table (means and variances per layer key)");
    try {
      return new LatencyProfile(device, "wall", "mean", "std", prov, entries);
    } catch (IllegalArgumentException e) { // e.g. two keys for one part: the profile does not know the file
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static BlockShape block(Matcher m, Raw r, String source) {
    int inRes = g(m, 1);
    int in = g(m, 3);
    int out = g(m, 6);
    int e = g(m, 7);
    int stride = g(m, 9);
    BlockShape b = new BlockShape(inRes, in, out, stride, BlockOp.mbconv(g(m, 8), e), e == 1 ? in : in * e, 0);
    if (b.outResolution() != g(m, 4) || (g(m, 10) == 1) != b.residual()) {
      throw new IllegalArgumentException(source + ": entry '" + r.key() + "': output resolution or idskip disagree with "
          + "stride " + stride + " and widths " + in + " -> " + out);
    }
    return b;
  }

  private static Measurement measurement(double mean, double var, int count) {
    return new Measurement(mean, Math.sqrt(Math.max(0, var)), Math.max(0, count), 0, 1);
  }

  private static int g(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }
}
