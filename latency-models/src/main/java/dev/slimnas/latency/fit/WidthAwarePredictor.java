package dev.slimnas.latency.fit;

import dev.slimnas.latency.DeviceProfile;
import dev.slimnas.latency.LatencyBreakdown;
import dev.slimnas.latency.LatencyModel;
import dev.slimnas.latency.UncoveredArchitectureException;
import dev.slimnas.latency.profile.BlockShape;
import dev.slimnas.latency.profile.HeadShape;
import dev.slimnas.latency.profile.LatencyProfile;
import dev.slimnas.latency.profile.NetworkShape;
import dev.slimnas.latency.profile.ProfileEntry;
import dev.slimnas.latency.profile.StemShape;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.spec.BlockSpec;
import dev.slimnas.space.spec.StageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A width-aware latency model fitted on a device profile: each block's latency is linear with
 * non-negative coefficients in its cost features ({@link BlockFeatures}), the stem and the head have
 * their own small linear models ({@link FixedFeatures}), and a network costs
 * {@code calibration(overhead + stem + head + sum of blocks)}. It prices blocks at widths, kernels,
 * expansions and resolutions that were never measured (within the profile's kernel sizes and SE
 * coverage; anything else is an {@link UncoveredArchitectureException}).
 *
 * <p>Non-additive effects: every separately timed part includes one call of the runtime, so the
 * profile's measured call overhead is subtracted from every part and added once per network; what
 * remains between the sum of parts and a real network (cache and scheduling effects across blocks)
 * is corrected by a {@link Calibration} fitted on the profile's whole-network entries (one per input
 * resolution they cover, a pooled one for other resolutions), or left unmodelled when it has none
 * (the validation report then shows the size of that gap).
 *
 * <p>In the spirit of nn-Meter (Zhang et al., MobiSys 2021), which predicts per kernel and sums;
 * here each kernel is a linear model in MACs and memory traffic, fitted by NNLS (Lawson-Hanson).
 */
public final class WidthAwarePredictor implements LatencyModel {
  /** Suffix of the model id: a predictor fitted on profile {@code p} is called {@code p-fit}. */
  public static final String ID_SUFFIX = "-fit";

  private final DeviceProfile profile;
  private final BlockFeatures features;
  private final double[] blockW;
  private final double[] stemW;
  private final double[] headW;
  private final double overheadMs;
  private final Calibration calibration;
  /** Input resolutions with their own calibration, and those calibrations (same order). */
  private final int[] resolutions;
  private final Calibration[] byResolution;

  private WidthAwarePredictor(DeviceProfile profile, BlockFeatures features, double[] blockW, double[] stemW,
      double[] headW, double overheadMs, Calibration calibration, Map<Integer, Calibration> byResolution) {
    this.profile = profile;
    this.features = features;
    this.blockW = blockW;
    this.stemW = stemW;
    this.headW = headW;
    this.overheadMs = overheadMs;
    this.calibration = calibration;
    this.resolutions = byResolution.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    this.byResolution = java.util.Arrays.stream(resolutions).mapToObj(byResolution::get).toArray(Calibration[]::new);
  }

  /** Fits with {@link FitOptions#defaults()}. */
  public static WidthAwarePredictor fit(LatencyProfile p) {
    return fit(p, FitOptions.defaults());
  }

  /** Fits block, stem and head models on the profile's entries, then the calibration on its networks. */
  public static WidthAwarePredictor fit(LatencyProfile p, FitOptions options) {
    Objects.requireNonNull(options, "options");
    double overhead = p.overheadMs().orElse(0);
    List<ProfileEntry> blocks = p.entriesOf(BlockShape.class);
    List<ProfileEntry> stems = p.entriesOf(StemShape.class);
    List<ProfileEntry> heads = p.entriesOf(HeadShape.class);
    String id = p.device().id();
    if (blocks.isEmpty() || stems.isEmpty() || heads.isEmpty()) {
      throw new IllegalArgumentException("profile '" + id + "' needs block, stem and head entries to fit a predictor; it has "
          + blocks.size() + " block, " + stems.size() + " stem and " + heads.size() + " head entries");
    }
    BlockFeatures f = BlockFeatures.covering(blocks.stream().map(e -> (BlockShape) e.part()).toList());
    double[][] x = new double[blocks.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = f.of((BlockShape) blocks.get(i).part());
    }
    double[] bw = LinearFit.relative(x, targets(blocks, overhead, id), options.ridge());
    double[] sw = LinearFit.relative(stems.stream().map(e -> FixedFeatures.stem((StemShape) e.part())).toArray(double[][]::new),
        targets(stems, overhead, id), options.ridge());
    double[] hw = LinearFit.relative(heads.stream().map(e -> FixedFeatures.head((HeadShape) e.part())).toArray(double[][]::new),
        targets(heads, overhead, id), options.ridge());
    DeviceProfile dp = p.deviceProfile(ID_SUFFIX, "width-aware NNLS predictor (dev.slimnas.latency.fit)");
    WidthAwarePredictor raw = new WidthAwarePredictor(dp, f, bw, sw, hw, overhead, Calibration.none(), Map.of());
    List<ProfileEntry> nets = p.entriesOf(NetworkShape.class);
    Calibration pooled = calibrate(raw, nets, options);
    Map<Integer, List<ProfileEntry>> groups = new TreeMap<>();
    nets.forEach(e -> groups.computeIfAbsent(((NetworkShape) e.part()).arch().input().resolution(), r -> new ArrayList<>()).add(e));
    Map<Integer, Calibration> byRes = new TreeMap<>();
    if (options.perResolution() && groups.size() > 1) {
      groups.forEach((r, g) -> byRes.put(r, calibrate(raw, g, options)));
    }
    return new WidthAwarePredictor(dp, f, bw, sw, hw, overhead, pooled, byRes);
  }

  private static Calibration calibrate(WidthAwarePredictor raw, List<ProfileEntry> nets, FitOptions options) {
    double[] sums = new double[nets.size()];
    double[] measured = new double[nets.size()];
    for (int i = 0; i < sums.length; i++) {
      sums[i] = raw.rawPredict(((NetworkShape) nets.get(i).part()).arch());
      measured[i] = nets.get(i).latency().ms();
    }
    return Calibration.fit(options.calibration(), sums, measured);
  }

  private static double[] targets(List<ProfileEntry> entries, double overhead, String id) {
    double[] y = new double[entries.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = entries.get(i).latency().ms() - overhead;
      if (!(y[i] > 0)) {
        throw new IllegalArgumentException("profile '" + id + "': entry " + entries.get(i).key() + " (" + entries.get(i).latency().ms()
            + " ms) is not above the call overhead (" + overhead + " ms)");
      }
    }
    return y;
  }

  @Override
  public DeviceProfile profile() {
    return profile;
  }

  public BlockFeatures features() {
    return features;
  }

  /** The pooled calibration (all whole-network entries). */
  public Calibration calibration() {
    return calibration;
  }

  /** The calibration used for networks with this input resolution. */
  public Calibration calibrationFor(int inputResolution) {
    for (int i = 0; i < resolutions.length; i++) {
      if (resolutions[i] == inputResolution) {
        return byResolution[i];
      }
    }
    return calibration;
  }

  /** Every calibration: {@code pooled}, then one per input resolution as {@code r<resolution>} when fitted per resolution. */
  public Map<String, Calibration> calibrations() {
    Map<String, Calibration> m = new LinkedHashMap<>();
    m.put("pooled", calibration);
    for (int i = 0; i < resolutions.length; i++) {
      m.put("r" + resolutions[i], byResolution[i]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  public double overheadMs() {
    return overheadMs;
  }

  /** The same model with another calibration (e.g. none, to see the plain sum of parts). */
  public WidthAwarePredictor withCalibration(Calibration c) {
    return new WidthAwarePredictor(profile, features, blockW, stemW, headW, overheadMs, c, Map.of());
  }

  /** Named coefficients of the block model (ms per unit of each feature). */
  public List<Coefficient> blockCoefficients() {
    return coefficients(features.names(), blockW);
  }

  public List<Coefficient> stemCoefficients() {
    return coefficients(FixedFeatures.STEM, stemW);
  }

  public List<Coefficient> headCoefficients() {
    return coefficients(FixedFeatures.HEAD, headW);
  }

  /** A named coefficient. */
  public record Coefficient(String feature, double msPerUnit) {}

  private static List<Coefficient> coefficients(List<String> names, double[] w) {
    List<Coefficient> out = new ArrayList<>();
    for (int i = 0; i < w.length; i++) {
      out.add(new Coefficient(names.get(i), w[i]));
    }
    return List.copyOf(out);
  }

  /** Latency of one block shape alone, without call overhead or calibration (ms). */
  public double blockMs(BlockShape s) {
    return FixedFeatures.dot(blockW, features.of(s));
  }

  /** Latency of a block in place (0 for a skip), without calibration (ms). */
  public double blockMs(BlockLayout b) {
    BlockSpec s = b.spec();
    if (s.op().isSkip()) {
      return 0;
    }
    return block(b.index(), b.stage(), b.position(), b.inResolution(), b.inChannels(), b.outChannels(), b.stride(), s);
  }

  public double stemMs(StemShape s) {
    return FixedFeatures.dot(stemW, FixedFeatures.stem(s));
  }

  public double headMs(HeadShape h) {
    return FixedFeatures.dot(headW, FixedFeatures.head(h));
  }

  private double block(int index, int stage, int position, int res, int in, int out, int stride, BlockSpec s) {
    BlockOp op = s.op();
    if (op.isProjection()) {
      return features.projectionDot(blockW, res, in, out, stride); // an extrapolation: see BlockFeatures.projectionDot
    }
    if (!features.covers(op.kernel(), op.se())) {
      throw new UncoveredArchitectureException(profile.id() + ": " + BlockLayout.label(index, stage, position) + ": op "
          + op.code() + ": " + features.missing(op.kernel(), op.se()));
    }
    return features.dot(blockW, res, in, out, stride, op.kernel(), op.expansion(), op.se(), s.hidden(), s.se());
  }

  /** The fixed part before calibration: call overhead, stem and head. */
  private double fixedRaw(ArchSpec a) {
    int r = a.input().resolution();
    double stem = FixedFeatures.stemDot(stemW, r, a.input().channels(), a.stem().kernel(), a.stem().stride(), a.stem().channels());
    double head = FixedFeatures.headDot(headW, a.finalResolution(), a.finalChannels(), a.head().channels(), a.classes());
    return overheadMs + stem + head;
  }

  /** Sum of parts before calibration. Walks the stages directly (no layout list): the hot path. */
  double rawPredict(ArchSpec a) {
    double total = fixedRaw(a);
    int in = a.stem().channels();
    int res = a.stem().stride() == 1 ? a.input().resolution() : (a.input().resolution() + 1) / 2;
    int index = 0;
    List<StageSpec> stages = a.stages();
    for (int si = 0; si < stages.size(); si++) {
      StageSpec st = stages.get(si);
      int out = st.out();
      List<BlockSpec> blocks = st.blocks();
      for (int p = 0; p < blocks.size(); p++) {
        int stride = p == 0 ? st.stride() : 1;
        BlockSpec b = blocks.get(p);
        if (!b.op().isSkip()) {
          total += block(index, si, p, res, in, out, stride, b);
        }
        if (stride == 2) {
          res = (res + 1) / 2;
        }
        in = out;
        index++;
      }
    }
    return total;
  }

  @Override
  public double predict(ArchSpec arch) {
    return calibrationFor(arch.input().resolution()).apply(rawPredict(arch));
  }

  /** Fixed part = calibrated (overhead + stem + head) incl. the offset; blocks scaled by the calibration. */
  @Override
  public LatencyBreakdown breakdown(ArchSpec arch) {
    Calibration c = calibrationFor(arch.input().resolution());
    List<Double> blocks = new ArrayList<>();
    for (BlockLayout b : arch.layout()) {
      blocks.add(c.scale() * blockMs(b));
    }
    return new LatencyBreakdown(c.apply(fixedRaw(arch)), blocks, "ms");
  }

  /**
   * The differentiable-latency table of a space at the widths of {@code widths} (an architecture of
   * that space): per searchable block, the predicted latency of every op of the block at those widths.
   */
  public PredictedBlockTable blockTable(SearchSpace space, ArchSpec widths) {
    return PredictedBlockTable.of(this, space, widths);
  }
}
