package dev.slimnas.supernet.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.json.SpecFileException;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.slim.BnCalibration;
import dev.slimnas.supernet.slim.SlimmableFamily;
import dev.slimnas.supernet.slim.SubnetCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/** A bundle written from shared weights returns, for a budget, exactly the sub-network it was made from. */
class SlimmableModelTest {
  @TempDir
  Path tmp;

  @Test
  void selectedNetworkEqualsTheSubnetworkOfTheSharedWeights() throws Exception {
    SlimmableFamily family = SlimmableFamily.uniformOps(SearchSpaces.get("spnas-cifar", 0.25), 0).withRange(0.25, 1.0);
    // float, as every trained network: the bundle stores BN statistics in float
    NetSettings settings = new NetSettings(5, new Nesterovs(0.05, 0.9), 4e-5, 0.9, DataType.FLOAT);
    ComputationGraph full = Networks.build(family.fullArch(), settings);
    Nd4j.getRandom().setSeed(3);
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32);
    SubnetCache cache = new SubnetCache(settings, 4);
    double[][] widths = {family.smallest(), mixed(family), family.full()};
    double[] accuracy = {0.5, 0.6, 0.7};
    double[] ms = {10, 15, 20};
    List<BundleConfig> configs = new ArrayList<>();
    List<INDArray> expected = new ArrayList<>();
    for (int i = 0; i < widths.length; i++) {
      ComputationGraph sub = cache.withWeightsOf(full, family.arch(widths[i]));
      BnCalibration.recalibrate(sub, List.of(x));
      expected.add(sub.output(false, x)[0]);
      configs.add(new BundleConfig(boxed(widths[i]), accuracy[i], Map.of("dev", ms[i]), SlimmableModel.bnStatistics(sub)));
    }
    BundleManifest draft = new BundleManifest("spnas-cifar", 0.25, family.ops().asList(), family.lower(), family.upper(), "-", "-",
        "test", configs);
    SlimmableModel.write(tmp, draft, full, Map.of("test", true));
    SlimmableModel m = SlimmableModel.load(tmp);
    assertEquals(1, new ArrayList<>(List.of(m.best(16, "dev").orElseThrow())).size());
    assertEquals(0.6, m.best(16, "dev").orElseThrow().accuracy());
    INDArray out = m.select(16, "dev").output(false, x)[0];
    assertArrayEquals(expected.get(1).reshape(-1).toDoubleVector(), out.reshape(-1).toDoubleVector(), 1e-7);
    INDArray big = m.select(100, "dev").output(false, x)[0];
    assertArrayEquals(expected.get(2).reshape(-1).toDoubleVector(), big.reshape(-1).toDoubleVector(), 1e-7);
    IllegalArgumentException tooTight = assertThrows(IllegalArgumentException.class, () -> m.select(5, "dev"));
    assertTrue(tooTight.getMessage().contains("5.00 ms") && tooTight.getMessage().contains("fastest takes 10.00 ms"), tooTight.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.select(16, "other-device"));
    // a corrupted weights file is refused, naming the checksum
    Files.write(tmp.resolve(SlimmableModel.WEIGHTS), new byte[] {1, 2, 3});
    IllegalArgumentException corrupt = assertThrows(IllegalArgumentException.class, () -> SlimmableModel.load(tmp));
    assertTrue(corrupt.getMessage().contains("SHA-256"), corrupt.getMessage());
  }

  @Test
  void manifestsThatPointOutsideTheBundleOrLieAreRefused() throws Exception {
    SlimmableFamily family = SlimmableFamily.uniformOps(SearchSpaces.get("spnas-cifar", 0.25), 0).withRange(0.25, 1.0);
    NetSettings settings = new NetSettings(5, new Nesterovs(0.05, 0.9), 4e-5, 0.9, DataType.FLOAT);
    ComputationGraph full = Networks.build(family.fullArch(), settings);
    BundleConfig c = new BundleConfig(boxed(family.full()), 0.5, Map.of("dev", 10.0), Map.of());
    BundleManifest draft = new BundleManifest("spnas-cifar", 0.25, family.ops().asList(), family.lower(), family.upper(), "-", "-",
        "test", List.of(c));
    SlimmableModel.write(tmp, draft, full, Map.of("test", true));
    Path manifest = tmp.resolve(SlimmableModel.MANIFEST);
    String good = Files.readString(manifest);
    Files.writeString(tmp.resolveSibling("other.zip"), "x");
    for (String weights : List.of("../other.zip", "/etc/hostname")) {
      Files.writeString(manifest, good.replace("\"weights\" : \"" + SlimmableModel.WEIGHTS + "\"", "\"weights\" : \"" + weights + "\""));
      SpecFileException e = assertThrows(SpecFileException.class, () -> SlimmableModel.load(tmp));
      assertTrue(e.getMessage().startsWith(manifest + ": at $.weights: '" + weights + "'"), e.getMessage());
    }
    Files.writeString(manifest, good.replace("\"dev\" : 10.0", "\"dev\" : -5.0"));
    SpecFileException negative = assertThrows(SpecFileException.class, () -> SlimmableModel.load(tmp));
    assertTrue(negative.getMessage().contains("latencyMs.dev must be a positive"), negative.getMessage());
    Files.writeString(manifest, good.replaceFirst("\"widths\" : \\[ 1.0,", "\"widths\" : ["));
    SpecFileException shortWidths = assertThrows(SpecFileException.class, () -> SlimmableModel.load(tmp));
    assertTrue(shortWidths.getMessage().contains("$.configs[0].widths: " + (family.dimensions() - 1) + " multipliers"),
        shortWidths.getMessage());
  }

  private static double[] mixed(SlimmableFamily family) {
    double[] w = family.full();
    for (int i = 0; i < w.length; i++) {
      w[i] = i % 2 == 0 ? 0.5 : 0.75;
    }
    return w;
  }

  private static List<Double> boxed(double[] v) {
    List<Double> out = new ArrayList<>();
    for (double d : v) {
      out.add(d);
    }
    return out;
  }
}
