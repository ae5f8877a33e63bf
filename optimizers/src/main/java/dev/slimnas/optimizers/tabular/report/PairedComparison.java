package dev.slimnas.optimizers.tabular.report;

import java.util.List;

/**
 * An optimizer against a baseline over paired repeats (repeat r of both runs with the same seed): how
 * often its regret is lower, equal or higher, the mean difference (optimizer minus baseline, negative =
 * better) with its standard error, and two-sided p-values of the exact sign test and the Wilcoxon
 * signed-rank test.
 */
public record PairedComparison(String optimizer, String baseline, int repeats, int lower, int equal, int higher,
    double meanDifference, double stdErrDifference, double signTestP, double wilcoxonP) {

  static PairedComparison of(List<RepeatResult> runs, List<RepeatResult> base) {
    int n = runs.size();
    double[] d = new double[n];
    int lower = 0;
    int equal = 0;
    int higher = 0;
    for (int i = 0; i < n; i++) {
      d[i] = runs.get(i).regret() - base.get(i).regret();
      if (d[i] < 0) {
        lower++;
      } else if (d[i] > 0) {
        higher++;
      } else {
        equal++;
      }
    }
    return new PairedComparison(runs.get(0).optimizer(), base.get(0).optimizer(), n, lower, equal, higher,
        Statistics.mean(d), Statistics.stdErr(d), Statistics.signTest(lower, higher), Statistics.wilcoxon(d));
  }
}
