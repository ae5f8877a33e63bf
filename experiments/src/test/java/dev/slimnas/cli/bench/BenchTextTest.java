package dev.slimnas.cli.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.bench.BenchReport;
import dev.slimnas.bench.BenchStats;
import dev.slimnas.bench.RoundResult;
import dev.slimnas.bench.SideResult;
import dev.slimnas.bench.StepProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchTextTest {
  static SideResult side(String name, double rate, double rss) {
    return new SideResult(name, rate, 700490, rss, Map.of());
  }

  static final List<RoundResult> ROUNDS = List.of(
      RoundResult.of(1, RoundResult.orderFor(0, true), side("dl4j", 50, 1400), side("pytorch", 200, 600)),
      RoundResult.of(2, RoundResult.orderFor(1, true), side("dl4j", 60, 1500), side("pytorch", 180, 610)),
      RoundResult.of(3, RoundResult.orderFor(2, true), side("dl4j", 55, 1450), side("pytorch", 220, 620)));

  static StepProfile profile(double conv, double bn) {
    return new StepProfile(3, conv + bn + 10, Map.of("forward", (conv + bn) / 3, "backward", 2 * (conv + bn) / 3,
        "updater", 10.0, "other", 0.0), List.of(new StepProfile.CategoryTime("conv 1x1", 34, conv / 3, 2 * conv / 3),
        new StepProfile.CategoryTime("BN + activation", 52, bn / 3, 2 * bn / 3)), List.of(), "test");
  }

  @Test
  void rendersRoundsMediansRatioAndBothProfiles() {
    BenchReport r = new BenchReport(new BenchReport.Settings("net", "--ref net", "f", "train", 64, 3, 20, 3, 2, 0, "py"),
        Map.of("cpu", "Test CPU", "cores", 2, "java", "17"), ROUNDS, BenchStats.summarize(ROUNDS), null,
        profile(300, 600), profile(300, 150), List.of());
    String text = BenchText.render(r);
    assertTrue(text.contains("median of per-round ratios DL4J/PyTorch: 0.250"), text); // ratios 0.25, 0.333, 0.25
    assertTrue(text.contains("parameters: equal (700,490)"), text);
    assertTrue(text.contains("DL4J training step profile"), text);
    assertTrue(text.contains("PyTorch training step profile"), text);
    assertTrue(text.lines().anyMatch(l -> l.startsWith("BN + activation") && l.endsWith("4.00")), text);
    assertTrue(text.lines().anyMatch(l -> l.startsWith("conv 1x1") && l.endsWith("1.00")), text);
  }

  @Test
  void progressLineNamesBothSidesInRunningOrderAndTheRatio() {
    String line = BenchText.progress(ROUNDS.get(1), 3, Duration.ofSeconds(42));
    assertTrue(line.startsWith("round 2/3: pytorch 180.0 img/s 610 MiB, dl4j 60.0 img/s 1500 MiB, ratio 0.333 (42 s)"), line);
  }
}
