package dev.slimnas.latency.lut;

import dev.slimnas.latency.DeviceProfile;
import dev.slimnas.latency.LatencyBreakdown;
import dev.slimnas.latency.LatencyModel;
import dev.slimnas.latency.UncoveredArchitectureException;
import dev.slimnas.latency.diff.BlockTable;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ProxylessNAS mobile lookup table of the Pixel 1 (Cai et al., arXiv:1812.00332): every layer keyed
 * by its shape; network latency = stem conv + every non-skipped block + 1x1 head conv + classifier.
 * A block is keyed by input and output HxWxC, expansion, kernel, stride and whether it has a residual
 * add ({@code idskip}); the hidden width must be input x expansion. A missing key is refused with the
 * block, the missing key and the keys the table has for that input shape.
 */
public final class ProxylessTable implements LatencyModel, BlockTable {
  public static final String ID = "pixel1-proxylessnas";
  public static final String RESOURCE = "/dev/slimnas/latency/tables/pixel1-proxylessnas/pixel1_mbconv_lut.csv";
  public static final String MD5 = "f6d8a3d45913efabf032ec495d552c57";

  private static final DeviceProfile PROFILE = new DeviceProfile(ID, "Google Pixel 1", "TFLite (ProxylessNAS lookup table)",
      "fp32", 0, 1, "ms", "ProxylessNAS pixel_trim.yaml via itouchz/Neural-Predictor-Tensorflow@a660b8a, md5 " + MD5);

  private final Map<String, Double> meanMs;
  /** Per-block ms of the Single-Path NAS macro-architecture, for the differentiable form: [block][k5][e6]. */
  private final double[][][] spnas;
  private final double spnasFixed;

  private ProxylessTable(Map<String, Double> meanMs) {
    this.meanMs = Map.copyOf(meanMs);
    ArchSpec ref = SearchSpaces.singlePathNas().max();
    List<BlockLayout> layout = ref.layout();
    spnas = new double[layout.size()][2][2];
    for (BlockLayout b : layout) {
      if (b.index() == 0 || b.index() == layout.size() - 1) {
        continue;
      }
      for (int k = 0; k < 2; k++) {
        for (int e = 0; e < 2; e++) {
          spnas[b.index()][k][e] = lookup(b.index(), key(b.inResolution(), b.inChannels(), b.outResolution(), b.outChannels(),
              e == 1 ? 6 : 3, k == 1 ? 5 : 3, b.stride(), b.residual()), b.label());
        }
      }
    }
    double fixed = fixedOf(ref);
    fixed += lookup(0, blockKey(layout.get(0)), layout.get(0).label());
    BlockLayout last = layout.get(layout.size() - 1);
    spnasFixed = fixed + lookup(last.index(), blockKey(last), last.label());
  }

  /** Loads the vendored table (checksum verified). */
  public static ProxylessTable load() {
    return parse(TableResources.load(RESOURCE, MD5), RESOURCE);
  }

  static ProxylessTable parse(byte[] csv, String source) {
    String[] lines = new String(csv, StandardCharsets.UTF_8).split("\r?\n");
    if (lines.length < 2 || !lines[0].startsWith("key,op,")) {
      throw new IllegalStateException(source + ": line 1: expected the header 'key,op,in_h,...,mean_ms,var_ms2'");
    }
    List<String> header = List.of(lines[0].split(","));
    int mean = header.indexOf("mean_ms");
    Map<String, Double> m = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] f = lines[i].split(",", -1);
      if (f.length != header.size()) {
        throw new IllegalStateException(source + ": line " + (i + 1) + ": expected " + header.size() + " fields, got " + f.length);
      }
      try {
        m.put(f[0], Double.parseDouble(f[mean]));
      } catch (NumberFormatException e) {
        throw new IllegalStateException(source + ": line " + (i + 1) + ", field mean_ms: not a number: '" + f[mean] + "'");
      }
    }
    return new ProxylessTable(m);
  }

  @Override
  public DeviceProfile profile() {
    return PROFILE;
  }

  @Override
  public double predict(ArchSpec arch) {
    return breakdown(arch).total();
  }

  @Override
  public LatencyBreakdown breakdown(ArchSpec arch) {
    double fixed = fixedOf(arch);
    List<Double> blocks = new ArrayList<>();
    for (BlockLayout b : arch.layout()) {
      blocks.add(b.op().isSkip() ? 0.0 : lookup(b.index(), blockKey(b), b.label()));
    }
    return new LatencyBreakdown(fixed, blocks, "ms");
  }

  private double fixedOf(ArchSpec arch) {
    int r = arch.input().resolution();
    int s = BlockLayout.outResolution(r, arch.stem().stride());
    int f = arch.finalResolution();
    String stem = "Conv-input:" + r + "x" + r + "x" + arch.input().channels() + "-output:" + s + "x" + s + "x" + arch.stem().channels();
    String head = "Conv_1-input:" + f + "x" + f + "x" + arch.finalChannels() + "-output:" + f + "x" + f + "x" + arch.head().channels();
    String logits = "Logits-input:" + f + "x" + f + "x" + arch.head().channels() + "-output:" + arch.classes();
    if (arch.stem().kernel() != 3) {
      throw new UncoveredArchitectureException(ID + ": stem: only the 3x3 stem conv was measured");
    }
    return lookup(-1, stem, "stem") + lookup(-1, head, "head") + lookup(-1, logits, "classifier");
  }

  private String blockKey(BlockLayout b) {
    if (b.op().isProjection()) {
      throw new UncoveredArchitectureException(ID + ": " + b.label() + ": op proj (1x1 conv + BN) is not in the table"
          + " (it has MBConv blocks only)");
    }
    if (b.op().se()) {
      throw new UncoveredArchitectureException(ID + ": " + b.label() + ": op " + b.op().code()
          + " has squeeze-and-excitation, which the table does not cover");
    }
    int expected = b.op().expansion() == 1 ? b.inChannels() : b.inChannels() * b.op().expansion();
    if (b.spec().hidden() != expected) {
      throw new UncoveredArchitectureException(ID + ": " + b.label() + ": hidden width " + b.spec().hidden()
          + " is not in the table (it keys blocks by input x expansion = " + expected + ")");
    }
    return key(b.inResolution(), b.inChannels(), b.outResolution(), b.outChannels(), b.op().expansion(), b.op().kernel(),
        b.stride(), b.residual());
  }

  static String key(int inRes, int inC, int outRes, int outC, int expand, int kernel, int stride, boolean residual) {
    return "expanded_conv-input:" + inRes + "x" + inRes + "x" + inC + "-output:" + outRes + "x" + outRes + "x" + outC
        + "-expand:" + expand + "-kernel:" + kernel + "-stride:" + stride + "-idskip:" + (residual ? 1 : 0);
  }

  private double lookup(int block, String key, String where) {
    Double v = meanMs.get(key);
    if (v == null) {
      String prefix = key.contains("-output:") ? key.substring(0, key.indexOf("-output:")) : key;
      List<String> near = meanMs.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().limit(3).toList();
      throw new UncoveredArchitectureException(ID + ": " + where + ": no entry '" + key + "'"
          + (near.isEmpty() ? " (the table has no layer with this input shape)" : "; entries for this input: " + near));
    }
    return v;
  }

  /** Number of entries in the table. */
  public int size() {
    return meanMs.size();
  }

  @Override
  public int blockCount() {
    return spnas.length;
  }

  @Override
  public double fixedMs() {
    return spnasFixed;
  }

  @Override
  public double ms(int block, int kernel, int expansion) {
    return spnas[block][kernel == 5 ? 1 : 0][expansion == 6 ? 1 : 0];
  }

  @Override
  public boolean searchable(int block) {
    return block > 0 && block < spnas.length - 1;
  }
}
