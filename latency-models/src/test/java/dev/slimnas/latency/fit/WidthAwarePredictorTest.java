package dev.slimnas.latency.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.UncoveredArchitectureException;
import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.latency.diff.DifferentiableLatency;
import dev.slimnas.latency.lut.ProxylessTable;
import dev.slimnas.latency.profile.BlockShape;
import dev.slimnas.latency.profile.CallOverhead;
import dev.slimnas.latency.profile.HeadShape;
import dev.slimnas.latency.profile.LatencyProfile;
import dev.slimnas.latency.profile.Measurement;
import dev.slimnas.latency.profile.NetworkShape;
import dev.slimnas.latency.profile.ProfileEntry;
import dev.slimnas.latency.profile.ProxylessFormat;
import dev.slimnas.latency.profile.StemShape;
import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WidthAwarePredictorTest {
  static final SearchSpace CIFAR = SearchSpaces.get("spnas-cifar");
  static final SearchSpace CIFAR_SE = SearchSpaces.get("spnas-se-cifar");
  static final BlockFeatures F = new BlockFeatures(List.of(3, 5), false);
  static final double[] TRUTH = Synthetic.truth(F);

  static double truth(ArchSpec a, double overhead) {
    double t = overhead + Synthetic.stemTruth(StemShape.of(a)) + Synthetic.headTruth(HeadShape.of(a));
    for (BlockLayout b : a.layout()) {
      t += b.op().isSkip() ? 0 : FixedFeatures.dot(TRUTH, F.of(BlockShape.of(b)));
    }
    return t;
  }

  @Nested
  class OnAProfileWithAKnownLinearTruth {
    final LatencyProfile profile = Synthetic.profile(CIFAR, 6, 1, 0.05, F, TRUTH)
        .with(new ProfileEntry(new CallOverhead(1, 1), Measurement.of(0.05)));
    final WidthAwarePredictor model = WidthAwarePredictor.fit(profile);

    @Test
    void predictsUnseenWidthsExactly() {
      SplittableRandom r = new SplittableRandom(99);
      for (int i = 0; i < 20; i++) {
        ArchSpec a = CIFAR.sampleUniform(r);
        assertEquals(truth(a, 0.05), model.predict(a), 1e-6 * truth(a, 0.05), "arch " + i);
      }
    }

    @Test
    void subtractsTheCallOverheadFromEveryPartAndAddsItOncePerNetwork() {
      assertEquals(0.05, model.overheadMs(), 0);
      ArchSpec a = CIFAR.max();
      double blocks = a.layout().stream().filter(b -> !b.op().isSkip()).mapToDouble(model::blockMs).sum();
      assertEquals(model.predict(a), 0.05 + model.stemMs(StemShape.of(a)) + model.headMs(HeadShape.of(a)) + blocks, 1e-9);
    }

    @Test
    void breakdownSumsToThePrediction() {
      ArchSpec a = CIFAR.sampleUniform(new SplittableRandom(4));
      assertEquals(model.predict(a), model.breakdown(a).total(), 1e-9);
      assertEquals(a.blockCount(), model.breakdown(a).blocks().size());
    }

    @Test
    void withoutNetworkEntriesThereIsNoCalibration() {
      assertEquals(Calibration.Mode.NONE, model.calibration().mode());
      assertEquals(0, model.calibration().networks());
    }

    @Test
    void refusesKernelsAndSeTheProfileDoesNotCover() {
      ArchSpec withK7 = CIFAR.max().withStages(replaceFirstOp(CIFAR.max(), BlockOp.mbconv(7, 6)));
      UncoveredArchitectureException e = assertThrows(UncoveredArchitectureException.class, () -> model.predict(withK7));
      assertTrue(e.getMessage().contains("block 1 (stage 1, position 0)") && e.getMessage().contains("kernel 7"), e.getMessage());
      ArchSpec withSe = CIFAR_SE.max();
      e = assertThrows(UncoveredArchitectureException.class, () -> model.predict(withSe));
      assertTrue(e.getMessage().contains("squeeze-and-excitation"), e.getMessage());
    }

    @Test
    void pricesProjByThePointwiseTermsWhileTheTableRefusesIt() {
      ArchSpec withProj = withProj(CIFAR.max());
      double ms = model.predict(withProj);
      // proj replaces block 1 (an MBConv with expansion and depthwise conv) by a single 1x1 conv: cheaper, not free
      assertTrue(ms > model.predict(withProj.withStages(stageOneCut(withProj))) && ms < model.predict(CIFAR.max()),
          () -> ms + " ms");
      ArchSpec at224 = withProj(SearchSpaces.singlePathNas().max());
      UncoveredArchitectureException e = assertThrows(UncoveredArchitectureException.class, () -> ProxylessTable.load().predict(at224));
      assertTrue(e.getMessage().contains("block 1 (stage 1, position 0): op proj"), e.getMessage());
    }

    /** The stages of {@code a} with stage 1 cut to its first block: the same network less the rest of stage 1. */
    private List<dev.slimnas.space.spec.StageSpec> stageOneCut(ArchSpec a) {
      List<dev.slimnas.space.spec.StageSpec> stages = new ArrayList<>(a.stages());
      var st = stages.get(1);
      stages.set(1, st.withBlocks(st.blocks().subList(0, 1)));
      return stages;
    }

    private ArchSpec withProj(ArchSpec a) {
      List<dev.slimnas.space.spec.StageSpec> stages = new ArrayList<>(a.stages());
      var st = stages.get(1);
      var blocks = new ArrayList<>(st.blocks());
      blocks.set(0, dev.slimnas.space.spec.BlockSpec.proj());
      stages.set(1, st.withBlocks(blocks));
      return a.withStages(stages);
    }

    @Test
    void namesItselfAfterTheProfile() {
      assertEquals("synthetic-fit", model.profile().id());
      assertEquals("ms", model.profile().unit());
      assertEquals(F.size(), model.blockCoefficients().size());
    }
  }

  static List<dev.slimnas.space.spec.StageSpec> replaceFirstOp(ArchSpec a, BlockOp op) {
    List<dev.slimnas.space.spec.StageSpec> stages = new ArrayList<>(a.stages());
    var st = stages.get(1);
    var blocks = new ArrayList<>(st.blocks());
    blocks.set(0, new dev.slimnas.space.spec.BlockSpec(op, blocks.get(0).hidden(), 0));
    stages.set(1, st.withBlocks(blocks));
    return stages;
  }

  @Nested
  class Calibrations {
    LatencyProfile withNetworks(int n, double scale, double offset) {
      LatencyProfile p = Synthetic.profile(CIFAR, 4, 2, 0, F, TRUTH);
      SplittableRandom r = new SplittableRandom(8);
      for (int i = 0; i < n; i++) {
        ArchSpec a = CIFAR.sampleUniform(r).withName("net" + i);
        p = p.with(new ProfileEntry(new NetworkShape(a), Measurement.of(scale * truth(a, 0) + offset)));
      }
      return p;
    }

    @Test
    void affineCalibrationRecoversScaleAndOffsetFromEightOrMoreNetworks() {
      WidthAwarePredictor m = WidthAwarePredictor.fit(withNetworks(8, 1.2, 0.4));
      assertEquals(Calibration.Mode.AFFINE, m.calibration().mode());
      assertEquals(1.2, m.calibration().scale(), 1e-4);
      assertEquals(0.4, m.calibration().offsetMs(), 1e-3);
      assertTrue(m.calibration().after().mapePct() < 0.01);
      ArchSpec a = CIFAR.sampleUniform(new SplittableRandom(77));
      assertEquals(1.2 * truth(a, 0) + 0.4, m.predict(a), 1e-4 * m.predict(a));
      assertEquals(m.predict(a), m.breakdown(a).total(), 1e-9);
    }

    @Test
    void scaleCalibrationWithFewNetworks() {
      WidthAwarePredictor m = WidthAwarePredictor.fit(withNetworks(3, 1.3, 0));
      assertEquals(Calibration.Mode.SCALE, m.calibration().mode());
      assertEquals(1.3, m.calibration().scale(), 1e-3);
      assertEquals(0, m.calibration().offsetMs(), 0);
    }

    @Test
    void offsetCalibrationOnRequest() {
      WidthAwarePredictor m = WidthAwarePredictor.fit(withNetworks(2, 1.0, 0.7),
          FitOptions.defaults().withCalibration(Calibration.Mode.OFFSET));
      assertEquals(Calibration.Mode.OFFSET, m.calibration().mode());
      assertEquals(0.7, m.calibration().offsetMs(), 1e-3);
    }

    @Test
    void eachInputResolutionGetsItsOwnCalibration() {
      SearchSpace at64 = new SearchSpace("cifar64", "test", new dev.slimnas.space.spec.InputSpec(64, 3), CIFAR.classes(),
          CIFAR.activation(), CIFAR.stem(), CIFAR.stages(), CIFAR.head(), CIFAR.widths(), CIFAR.seRatio());
      LatencyProfile p = withNetworks(3, 1.5, 0);
      SplittableRandom r = new SplittableRandom(9);
      for (int i = 0; i < 3; i++) {
        ArchSpec a = at64.sampleUniform(r).withName("big" + i);
        p = p.with(new ProfileEntry(new NetworkShape(a), Measurement.of(0.8 * truth(a, 0))));
      }
      WidthAwarePredictor m = WidthAwarePredictor.fit(p);
      assertEquals(1.5, m.calibrationFor(32).scale(), 1e-3);
      assertEquals(0.8, m.calibrationFor(64).scale(), 1e-2, "extrapolated to 64x64, so not exact");
      assertEquals(List.of("pooled", "r32", "r64"), List.copyOf(m.calibrations().keySet()));
      assertEquals(m.calibration(), m.calibrationFor(224), "other resolutions use the pooled one");
      ArchSpec a = at64.sampleUniform(new SplittableRandom(10));
      assertEquals(0.8 * truth(a, 0), m.predict(a), 1e-2 * m.predict(a));
      assertEquals(m.predict(a), m.breakdown(a).total(), 1e-9);
      WidthAwarePredictor pooled = WidthAwarePredictor.fit(p, FitOptions.defaults().withPerResolution(false));
      assertEquals(List.of("pooled"), List.copyOf(pooled.calibrations().keySet()));
    }

    @Test
    void explicitModesWithoutNetworksAreRefused() {
      LatencyProfile p = withNetworks(0, 1, 0);
      assertThrows(IllegalArgumentException.class,
          () -> WidthAwarePredictor.fit(p, FitOptions.defaults().withCalibration(Calibration.Mode.AFFINE)));
    }
  }

  @Nested
  class OnTheProxylessPixel1Table {
    final WidthAwarePredictor model = WidthAwarePredictor.fit(ProxylessFormat.pixel1());

    @Test
    void pricesTheSinglePathNasNetworkCloseToTheTable() {
      ArchSpec a = ReferenceNetworks.singlePathNasFinal();
      double table = ProxylessTable.load().predict(a);
      System.out.printf("spnas-final-224: table %.2f ms, fitted %.2f ms%n", table, model.predict(a));
      assertEquals(table, model.predict(a), 0.03 * table);
    }

    @Test
    void pricesWidthsTheTableDoesNotHave() {
      ArchSpec mbv2 = SearchSpaces.mobileNetV2(1.0).max();
      assertThrows(UncoveredArchitectureException.class, () -> ProxylessTable.load().predict(mbv2));
      double ms = model.predict(mbv2);
      assertTrue(ms > 50 && ms < 150, "MobileNetV2 1.0 on Pixel 1 is ~75 ms in the MobileNetV2 paper; got " + ms);
      assertTrue(model.predict(SearchSpaces.mobileNetV2(0.5).max()) < ms);
    }

    @Test
    void blockTableCornersSumToThePredictionAndDriveTheDifferentiableLatency() {
      SearchSpace space = SearchSpaces.singlePathNas();
      PredictedBlockTable t = model.blockTable(space, space.max());
      DifferentiableLatency d = DifferentiableLatency.of(t);
      SplittableRandom r = new SplittableRandom(3);
      for (int i = 0; i < 10; i++) {
        ArchSpec a = space.sampleUniform(r);
        List<BlockIndicators> ind = new ArrayList<>();
        for (BlockLayout b : a.layout()) {
          ind.add(BlockIndicators.of(!b.op().isSkip(), b.op().kernel(), b.op().expansion(), false));
        }
        assertEquals(model.predict(a), d.evaluate(ind).value(), 1e-9 * model.predict(a), "arch " + i);
      }
      assertEquals(0, java.util.Arrays.stream(t.seMs()).sum(), 0, "no SE ops in this space");
    }
  }

  @Test
  void blockTableFollowsTheWidthsOfItsArchitecture() {
    LatencyProfile p = Synthetic.profile(CIFAR, 4, 5, 0, F, TRUTH);
    WidthAwarePredictor m = WidthAwarePredictor.fit(p);
    ArchSpec widths = CIFAR.sampleUniform(new SplittableRandom(12));
    PredictedBlockTable t = m.blockTable(CIFAR, widths);
    ArchEncoding enc = CIFAR.encode(widths);
    SplittableRandom r = new SplittableRandom(13);
    for (int i = 0; i < 10; i++) {
      int[] ops = new int[CIFAR.blockCount()];
      for (int b = 0; b < ops.length; b++) {
        ops[b] = r.nextInt(CIFAR.blocks().get(b).ops().size());
      }
      ArchSpec a = CIFAR.decode(ArchEncoding.of(ops, enc.widths().toArray()));
      double sum = t.fixedMs();
      for (BlockLayout b : a.layout()) {
        if (t.searchable(b.index()) && !b.op().isSkip()) {
          sum += t.ms(b.index(), b.op().kernel(), b.op().expansion());
        }
      }
      assertEquals(m.predict(a), sum, 1e-9 * sum);
    }
    assertThrows(IllegalArgumentException.class, () -> t.ms(0, 3, 3));
  }
}
