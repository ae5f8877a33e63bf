package dev.slimnas.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The arithmetic of alternating rounds: medians per side and the median of per-round ratios. */
public final class BenchStats {
  private BenchStats() {}

  /** The median (mean of the middle two for an even count); an empty list is an error. */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("median of no values");
    }
    List<Double> s = new ArrayList<>(values);
    s.sort(Double::compare);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  /** Summary of one side over the rounds. */
  public record SideSummary(String side, int rounds, double medianImagesPerS, double minImagesPerS,
      double maxImagesPerS, long params, double medianPeakRssMb, double maxPeakRssMb, Double medianImagesPerCpuSecond) {}

  /**
   * Medians of all rounds.
   *
   * @param pytorch null when no round had a PyTorch side
   * @param ratios DL4J/PyTorch images/s per round, in round order
   * @param medianRatio median of {@code ratios} (not the ratio of the medians), or null
   * @param paramsEqual whether both sides built networks with the same trainable-parameter count
   * @param medianCpuRatio median over rounds of DL4J's images per CPU-second over PyTorch's, or null when
   *     a side did not report its CPU time
   */
  public record Summary(SideSummary dl4j, SideSummary pytorch, List<Double> ratios, Double medianRatio,
      boolean paramsEqual, Double medianCpuRatio) {
    public Summary {
      ratios = List.copyOf(ratios);
    }
  }

  /** Summarises the rounds; every round must have a DL4J side, and either all or none a PyTorch side. */
  public static Summary summarize(List<RoundResult> rounds) {
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException("no rounds to summarise");
    }
    List<SideResult> dl4j = rounds.stream().map(RoundResult::dl4j).toList();
    long withTorch = rounds.stream().filter(r -> r.pytorch() != null).count();
    if (withTorch != 0 && withTorch != rounds.size()) {
      throw new IllegalArgumentException("either every round or none has a PyTorch side");
    }
    SideSummary d = side(SideResult.DL4J, dl4j);
    if (withTorch == 0) {
      return new Summary(d, null, List.of(), null, true, null);
    }
    SideSummary p = side(SideResult.PYTORCH, rounds.stream().map(RoundResult::pytorch).toList());
    List<Double> ratios = rounds.stream().map(RoundResult::ratio).toList();
    boolean equal = dl4j.stream().allMatch(r -> r.params() == d.params())
        && rounds.stream().allMatch(r -> r.pytorch().params() == d.params());
    boolean cpu = rounds.stream().allMatch(r -> r.dl4j().imagesPerCpuSecond() != null && r.pytorch().imagesPerCpuSecond() != null);
    Double cpuRatio = cpu ? median(rounds.stream()
        .map(r -> r.dl4j().imagesPerCpuSecond() / r.pytorch().imagesPerCpuSecond()).toList()) : null;
    return new Summary(d, p, ratios, median(ratios), equal, cpuRatio);
  }

  /** Below this share of its threads' cores (CPU seconds per wall second / threads), a side counts as contended. */
  public static final double CONTENDED_SHARE = 0.8;

  /**
   * The sides (as "round N side") whose CPU/wall ratio over the timed steps was below
   * {@link #CONTENDED_SHARE} of {@code threads}: other processes took their cores, so their rates are low.
   */
  public static List<String> contended(List<RoundResult> rounds, int threads) {
    List<String> out = new ArrayList<>();
    for (RoundResult r : rounds) {
      for (SideResult s : java.util.Arrays.asList(r.dl4j(), r.pytorch())) {
        if (s != null && s.facts().get("cpu_per_wall") instanceof Number n && n.doubleValue() >= 0
            && n.doubleValue() < CONTENDED_SHARE * threads) {
          out.add("round " + r.round() + " " + s.side());
        }
      }
    }
    return out;
  }

  /** The rounds in which no side was {@link #contended}. */
  public static List<RoundResult> uncontended(List<RoundResult> rounds, int threads) {
    List<String> busy = contended(rounds, threads);
    return rounds.stream().filter(r -> busy.stream().noneMatch(b -> b.startsWith("round " + r.round() + " "))).toList();
  }

  private static SideSummary side(String name, List<SideResult> results) {
    List<Double> rates = values(results, SideResult::imagesPerS);
    List<Double> rss = values(results, SideResult::peakRssMb);
    List<Double> perCpu = results.stream().map(SideResult::imagesPerCpuSecond).toList();
    Double cpu = perCpu.contains(null) ? null : median(perCpu);
    return new SideSummary(name, results.size(), median(rates),
        rates.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
        rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
        results.get(0).params(), median(rss), rss.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), cpu);
  }

  private static List<Double> values(List<SideResult> results, ToDoubleFunction<SideResult> f) {
    return results.stream().map(r -> f.applyAsDouble(r)).toList();
  }
}
