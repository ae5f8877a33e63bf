package dev.slimnas.latency.fit;

import dev.slimnas.latency.profile.BlockShape;
import dev.slimnas.latency.profile.LatencyProfile;
import dev.slimnas.latency.profile.ProfileEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Held-out error of the block model on a profile: fit on some block entries (plus every stem, head
 * and overhead entry), predict the others. Two schemes: k-fold cross-validation over entries, and
 * leave-one-place-out (hold out every op at one input resolution / widths / stride at once, so the
 * predicted blocks are at shapes the fit has never seen).
 *
 * @param scheme e.g. {@code 5-fold (seed 1)} or {@code leave-one-place-out}
 * @param folds number of folds fitted
 * @param predictions one per block entry
 */
public record Holdout(String scheme, int folds, List<Prediction> predictions, ErrorStats stats) {

  /** One held-out entry: measured and predicted entry value (call overhead included in both). */
  public record Prediction(BlockShape shape, int fold, double measuredMs, double predictedMs) {
    public double errorPct() {
      return (predictedMs - measuredMs) / measuredMs * 100;
    }
  }

  public Holdout {
    predictions = List.copyOf(predictions);
  }

  /** k-fold cross-validation with a seeded shuffle of the block entries. */
  public static Holdout kFold(LatencyProfile p, int k, long seed, FitOptions o) {
    List<ProfileEntry> blocks = p.entriesOf(BlockShape.class);
    if (k < 2 || k > blocks.size()) {
      throw new IllegalArgumentException("k must be in 2.." + blocks.size() + " (the block entries), got " + k);
    }
    int[] order = new int[blocks.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] fold = new int[blocks.size()];
    for (int i = 0; i < order.length; i++) {
      fold[order[i]] = i * k / order.length;
    }
    return run(k + "-fold (seed " + seed + ")", p, blocks, fold, k, o);
  }

  /** Leave one place out: every group of entries sharing {@link BlockShape#placeKey()} is one fold. */
  public static Holdout leaveOnePlaceOut(LatencyProfile p, FitOptions o) {
    List<ProfileEntry> blocks = p.entriesOf(BlockShape.class);
    Map<String, Integer> places = new LinkedHashMap<>();
    int[] fold = new int[blocks.size()];
    for (int i = 0; i < fold.length; i++) {
      fold[i] = places.computeIfAbsent(((BlockShape) blocks.get(i).part()).placeKey(), key -> places.size());
    }
    if (places.size() < 2) {
      throw new IllegalArgumentException("leave-one-place-out needs block entries at >= 2 places, got " + places.size());
    }
    return run("leave-one-place-out", p, blocks, fold, places.size(), o);
  }

  private static Holdout run(String scheme, LatencyProfile p, List<ProfileEntry> blocks, int[] fold, int k, FitOptions o) {
    List<ProfileEntry> others = p.entries().stream().filter(e -> !(e.part() instanceof BlockShape)).toList();
    List<Prediction> out = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      List<ProfileEntry> train = new ArrayList<>(others);
      List<ProfileEntry> test = new ArrayList<>();
      for (int i = 0; i < blocks.size(); i++) {
        (fold[i] == f ? test : train).add(blocks.get(i));
      }
      if (test.isEmpty()) {
        continue;
      }
      WidthAwarePredictor m = WidthAwarePredictor.fit(p.withEntries(train), o.withCalibration(Calibration.Mode.NONE));
      for (ProfileEntry e : test) {
        BlockShape s = (BlockShape) e.part();
        out.add(new Prediction(s, f, e.latency().ms(), m.blockMs(s) + m.overheadMs()));
      }
    }
    double[] measured = out.stream().mapToDouble(Prediction::measuredMs).toArray();
    double[] predicted = out.stream().mapToDouble(Prediction::predictedMs).toArray();
    return new Holdout(scheme, k, out, ErrorStats.of(measured, predicted));
  }
}
