package dev.slimnas.supernet.slim;

import static dev.slimnas.supernet.slim.TinyJointSpace.K3E3;
import static dev.slimnas.supernet.slim.TinyJointSpace.K5E3;
import static dev.slimnas.supernet.slim.TinyJointSpace.SKIP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Ops searched jointly with widths ({@link JointFamily}): a sub-network that differs from the full
 * network in kernel (k3 in a k5 block), expansion (e3 in an e6 block) and skip gets its gradient exactly
 * where its parameters come from, and the sandwich step with sampled ops trains the outer shell of a 5x5
 * kernel only through networks that have k5 there. {@link TinyJointSpace}, double precision.
 */
class SlimmableJointOpsTest {
  private static JointFamily family;
  private static NetSettings settings;

  @BeforeAll
  static void setUp() {
    family = TinyJointSpace.family();
    settings = new NetSettings(3, new Sgd(0.1), 0.0, 0.9, DataType.DOUBLE);
  }

  private static INDArray input(int n, long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.DOUBLE, n, 3, 8, 8).subi(0.5).muli(2);
  }

  private static INDArray labels(int n) {
    INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 4);
    for (int i = 0; i < n; i++) {
      y.putScalar(i, (i * 3 + 1) % 4, 1.0);
    }
    return y;
  }

  /**
   * Finite differences of the sub-network's loss with respect to entries of the FULL network's
   * parameters equal the gradient scattered by {@link PrefixParams#addGradients}: inside the window (centre
   * of the kernel, first hidden channels) and zero outside it (outer ring, later channels, skipped block).
   */
  @Test
  void subnetworkWithOtherOpsGetsItsGradientInsideCentreAndPrefix() {
    ComputationGraph full = Networks.build(family.fullArch(), settings);
    double[] w = family.full().widths().toArray();
    w[0] = 0.5; // stem 4 of 8
    w[3] = 0.75; // block 0 hidden: e3 at 0.75 of base 8 = 18 -> 20 of the full 48
    ArchSpec arch = family.arch(ArchEncoding.of(new int[] {K5E3, K3E3, SKIP}, w));
    SubnetCache cache = new SubnetCache(settings, 2);
    INDArray x = input(4, 1);
    INDArray y = labels(4);
    full.setInputs(x);
    full.setLabels(y);
    full.computeGradientAndScore();
    full.getFlattenedGradients().assign(0);
    ComputationGraph sub = cache.withWeightsOf(full, arch);
    SubnetLoss.score(sub, x, y);
    Map<String, INDArray> subGrads = new HashMap<>();
    sub.gradient().gradientForVariable().forEach((k, v) -> subGrads.put(k, v.dup('c')));
    PrefixParams.addGradients(sub, full);
    Map<String, INDArray> grads = full.gradient().gradientForVariable();
    assertArrayEquals(new long[] {5, 5, 20, 1}, sub.getParam("b0.dw.conv_W").shape());
    assertArrayEquals(new long[] {3, 3, 24, 1}, sub.getParam("b1.dw.conv_W").shape());

    List<Probe> probes = new ArrayList<>();
    // Block 1: k3 in k5; centre entries inside, the outer ring outside; e3: channel 23 inside, 24 outside.
    probes.add(new Probe("b1.dw.conv_W", new long[] {2, 2, 0, 0}, true));
    probes.add(new Probe("b1.dw.conv_W", new long[] {1, 3, 23, 0}, true));
    probes.add(new Probe("b1.dw.conv_W", new long[] {3, 1, 5, 0}, true));
    probes.add(new Probe("b1.dw.conv_W", new long[] {0, 0, 3, 0}, false));
    probes.add(new Probe("b1.dw.conv_W", new long[] {4, 2, 7, 0}, false));
    probes.add(new Probe("b1.dw.conv_W", new long[] {2, 0, 1, 0}, false));
    probes.add(new Probe("b1.dw.conv_W", new long[] {2, 2, 24, 0}, false));
    probes.add(new Probe("b1.expand.conv_W", new long[] {23, 7, 0, 0}, true));
    probes.add(new Probe("b1.expand.conv_W", new long[] {30, 0, 0, 0}, false));
    probes.add(new Probe("b1.project.conv_W", new long[] {15, 4, 0, 0}, true));
    probes.add(new Probe("b1.project.conv_W", new long[] {0, 40, 0, 0}, false));
    probes.add(new Probe("b1.dw.bn_gamma", new long[] {10}, true));
    probes.add(new Probe("b1.dw.bn_gamma", new long[] {30}, false));
    // Block 0: k5 in k5 (whole kernel, outer ring inside), e3 at 0.75: 20 of 48 hidden channels.
    probes.add(new Probe("b0.dw.conv_W", new long[] {0, 4, 19, 0}, true));
    probes.add(new Probe("b0.dw.conv_W", new long[] {0, 4, 20, 0}, false));
    probes.add(new Probe("b0.expand.conv_W", new long[] {5, 3, 0, 0}, true));
    probes.add(new Probe("b0.expand.conv_W", new long[] {5, 4, 0, 0}, false));
    // Block 2 is skipped: no entry of it changes the sub-network.
    probes.add(new Probe("b2.dw.conv_W", new long[] {2, 2, 0, 0}, false));
    probes.add(new Probe("b2.project.conv_W", new long[] {0, 0, 0, 0}, false));
    int inside = 0;
    for (Probe p : probes) {
      double fd = SubnetLoss.finiteDifference(full, cache, arch, x, y, p.key(), p.index(), 1e-6);
      // DL4J's gradients are sums over the batch (its updater divides by the batch size); the score is a mean.
      double g = grads.get(p.key()).getDouble(p.index()) / x.size(0);
      String where = p.key() + " " + Arrays.toString(p.index());
      if (p.inside()) {
        assertTrue(Math.abs(fd) > 1e-8, where + ": the probe must be sensitive, got " + fd);
        assertEquals(fd, g, 1e-8 + 1e-4 * Math.abs(fd), where);
        inside++;
      } else {
        assertEquals(0.0, fd, 1e-10, where + " outside the window must not change the sub-network");
        assertEquals(0.0, g, 0.0, where + " outside the window gets no gradient");
      }
    }
    assertEquals(8, inside);
    // Every window of the full gradient is the sub-network's gradient, and nothing lies outside it.
    for (String key : new String[] {"b0.dw.conv_W", "b1.dw.conv_W", "b1.expand.conv_W", "b1.project.conv_W", "stem.x.conv_W"}) {
      INDArray g = grads.get(key).dup('c');
      INDArray s = subGrads.get(key);
      INDArray win = PrefixParams.window(g, s.shape(), KernelAxes.of(full, key, g), key);
      assertArrayEquals(s.reshape(-1).toDoubleVector(), win.reshape(-1).toDoubleVector(), 0.0, key);
      assertEquals(g.sumNumber().doubleValue(), s.sumNumber().doubleValue(), 1e-12, key + ": nothing outside the window");
    }
    assertEquals(0.0, grads.get("b2.dw.conv_W").norm2Number().doubleValue(), 0.0);
  }

  private record Probe(String key, long[] index, boolean inside) {}

  /**
   * One sandwich step with sampled ops and plain SGD (no momentum, no weight decay): the outer ring of a
   * 5x5 kernel moves by exactly the full network's own gradient (scaled by -lr / (networks x batch)) in
   * every block where no sampled network has kernel 5, and by something else where one has.
   */
  @Test
  void sandwichWithSampledOpsMovesTheOuterRingOnlyThroughNetworksWithKernel5() {
    UniformArchSampler sampler = new UniformArchSampler(family, 2, 17);
    long step = chooseStep(sampler);
    INDArray x = input(4, 2);
    INDArray y = labels(4);
    ComputationGraph full = Networks.build(family.fullArch(), settings);
    ComputationGraph own = full.clone();
    own.setInputs(x);
    own.setLabels(y);
    own.computeGradientAndScore();
    Map<String, INDArray> before = new HashMap<>();
    full.paramTable().forEach((k, v) -> before.put(k, v.dup('c')));
    SandwichStep sandwich = new SandwichStep(family, sampler, new SubnetCache(settings, 4));
    sandwich.fit(full, x, y, step, 0);
    List<ArchEncoding> sampled = sandwich.lastSubnetEncodings();
    assertEquals(sampler.sample(step), sampled);
    double scale = -0.1 / ((sampled.size() + 1) * x.size(0));
    int alone = 0;
    int shared = 0;
    for (int b = 0; b < 3; b++) {
      String key = "b" + b + ".dw.conv_W";
      INDArray moved = full.getParam(key).sub(before.get(key));
      INDArray predicted = own.gradient().getGradientFor(key).mul(scale);
      boolean k5 = false;
      boolean k3 = false;
      for (ArchEncoding e : sampled) {
        k5 |= kernel(e, b) == 5;
        k3 |= kernel(e, b) == 3;
      }
      double[] ring = ring(moved);
      double[] ownRing = ring(predicted);
      assertTrue(Arrays.stream(ownRing).anyMatch(v -> Math.abs(v) > 1e-9), key + ": the full network moves the ring");
      if (k5) {
        shared++;
        assertTrue(maxAbsDiff(ring, ownRing) > 1e-9, key + ": a sampled k5 network moves the outer ring too");
      } else {
        alone++;
        assertArrayEquals(ownRing, ring, 1e-12, key + ": no sampled k5 network, so only the full network moves the ring");
        if (k3) {
          assertTrue(maxAbsDiff(centre(moved), centre(predicted)) > 1e-9, key + ": k3 networks train the centre");
        }
      }
    }
    assertTrue(alone >= 1 && shared >= 1, "step " + step + " has blocks of both kinds: " + sampled);
  }

  /** A step whose samples leave some block without kernel 5 (and, apart from the smallest network, use it). */
  private static long chooseStep(UniformArchSampler sampler) {
    for (long s = 0; s < 200; s++) {
      List<ArchEncoding> e = sampler.sample(s);
      int without = 0;
      int with = 0;
      boolean k3Only = false;
      for (int b = 0; b < 3; b++) {
        boolean k5 = false;
        boolean k3 = false;
        for (ArchEncoding a : e) {
          k5 |= kernel(a, b) == 5;
          k3 |= kernel(a, b) == 3;
        }
        with += k5 ? 1 : 0;
        without += k5 ? 0 : 1;
        k3Only |= !k5 && k3;
      }
      if (with >= 1 && without >= 1 && k3Only) {
        return s;
      }
    }
    throw new AssertionError("no step in 0..199 samples blocks of both kinds");
  }

  private static int kernel(ArchEncoding e, int block) {
    BlockOp op = family.space().blocks().get(block).ops().get(e.ops().get(block));
    return op.kernel();
  }

  private static double[] ring(INDArray w) {
    List<Double> out = new ArrayList<>();
    for (long i = 0; i < 5; i++) {
      for (long j = 0; j < 5; j++) {
        if (i == 0 || i == 4 || j == 0 || j == 4) {
          for (long c = 0; c < w.size(2); c++) {
            out.add(w.getDouble(i, j, c, 0));
          }
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] centre(INDArray w) {
    List<Double> out = new ArrayList<>();
    for (long i = 1; i < 4; i++) {
      for (long j = 1; j < 4; j++) {
        for (long c = 0; c < w.size(2); c++) {
          out.add(w.getDouble(i, j, c, 0));
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  @Test
  void sandwichWithSampledOpsTrainsAndLowersTheSmallestNetworksLoss() {
    INDArray x = input(8, 3);
    INDArray y = labels(8);
    ComputationGraph full = Networks.build(family.fullArch(), settings);
    SandwichStep step = new SandwichStep(family, new UniformArchSampler(family, 2, 5), new SubnetCache(settings, 8));
    double[] first = null;
    for (int i = 0; i < 8; i++) {
      step.fit(full, x, y, i, 0);
      if (first == null) {
        first = step.lastSubnetLosses();
      }
    }
    double[] last = step.lastSubnetLosses();
    assertEquals(3, last.length);
    assertEquals(family.smallest(), step.lastSubnetEncodings().get(0));
    assertNotEquals(step.lastSubnetEncodings().get(1).ops(), step.lastSubnetEncodings().get(0).ops());
    assertTrue(last[0] < first[0], "the smallest network's distillation loss falls: " + first[0] + " -> " + last[0]);
    assertEquals(8, full.getIterationCount());
  }
}
