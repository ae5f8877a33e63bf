package dev.slimnas.supernet.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.search.WidthRange;
import dev.slimnas.space.spec.Activation;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.spec.BlockSpec;
import dev.slimnas.space.spec.HeadSpec;
import dev.slimnas.space.spec.InputSpec;
import dev.slimnas.space.spec.StageSpec;
import dev.slimnas.space.spec.StemSpec;
import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.data.Normalization;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.onnx.OrtCheck.Agreement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OnnxExporterTest {
  static final double TOLERANCE = 1e-4;
  static final int IMAGES = 4;

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  /** Small random architectures of every built-in CIFAR space, with per-layer widths (divisor 1: odd widths too). */
  static Stream<Arguments> randomArchitectures() {
    List<Arguments> out = new ArrayList<>();
    for (String name : List.of("spnas-cifar", "spnas-se-cifar", "mobilenetv2-cifar", SearchSpaces.NAS_BENCH_MACRO)) {
      SearchSpace space = SearchSpaces.get(name, 0.25).withWidths(new WidthRange(0.5, 1.5, 1));
      SplittableRandom r = new SplittableRandom(name.hashCode());
      for (int i = 0; i < 2; i++) {
        ArchSpec a = space.sampleUniform(r).withName(name + "-" + i);
        out.add(Arguments.of(a));
      }
    }
    return out.stream();
  }

  /**
   * A hand-made network with what the spaces do not draw: k7, expansion 1 and 4, SE on an expansion-1 block,
   * ReLU, a 3-channel-odd resolution (30 -> 15 -> 8) so padding is symmetric at one stride-2 layer and
   * asymmetric at another, a skip, a stride-2 stem.
   */
  static ArchSpec oddNetwork() {
    return new ArchSpec("odd", new InputSpec(30, 3), 7, Activation.RELU, new StemSpec(5, 2, 6),
        List.of(new StageSpec(1, 6, List.of(new BlockSpec(BlockOp.mbconv(7, 1, true), 6, 2))),
            new StageSpec(2, 9, List.of(new BlockSpec(BlockOp.mbconv(7, 4), 23, 0), BlockSpec.skip(),
                new BlockSpec(BlockOp.mbconv(3, 2, true), 17, 3))),
            new StageSpec(1, 11, List.of(new BlockSpec(BlockOp.mbconv(5, 6), 66, 0)))),
        new HeadSpec(13, 0.2));
  }

  static ComputationGraph network(ArchSpec a, long seed) {
    ComputationGraph g = Networks.build(a, NetSettings.defaults(seed));
    OrtCheck.randomiseBn(g, seed + 1);
    return g;
  }

  static Agreement agreement(ArchSpec a, ComputationGraph g, OnnxExporter e, int n, long seed) throws Exception {
    float[] x = OrtCheck.randomImages(a, n, seed);
    long[] shape = OrtCheck.shape(a, n);
    try (OrtSession s = OrtCheck.session(e.toBytes(g))) {
      float[][] ort = OrtCheck.run(s, x, shape);
      float[][] ref = e.output() == OnnxOutput.LOGITS ? OrtCheck.dl4jLogits(g, x, shape) : OrtCheck.dl4j(g, x, shape);
      return OrtCheck.compare(ort, ref);
    }
  }

  @Nested
  class Equality {
    /** BN folded and kept (probabilities), and the logits output with BN folded. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.slimnas.supernet.onnx.OnnxExporterTest#randomArchitectures")
    void ortMatchesDl4jOnRandomArchitecturesOfEverySpace(ArchSpec a) throws Exception {
      ComputationGraph g = network(a, 11);
      for (int variant = 0; variant < 3; variant++) {
        boolean fold = variant != 1;
        OnnxOutput o = variant == 2 ? OnnxOutput.LOGITS : OnnxOutput.PROBABILITIES;
        Agreement r = agreement(a, g, OnnxExporter.builder(a).foldBn(fold).output(o).build(), IMAGES, 5);
        System.out.printf("%s %s fold=%s %s: max relative %.2e, top-1 %d/%d%n", a.name(), a.ops(), fold, o,
            r.maxRelative(), r.top1Same(), r.images());
        assertTrue(r.maxRelative() <= TOLERANCE, a.name() + " fold=" + fold + " " + o + ": relative " + r.maxRelative());
        assertEquals(IMAGES, r.top1Same(), a.name() + " fold=" + fold + " " + o + ": top-1 differs");
      }
    }

    @Test
    void ortMatchesDl4jOnK7ExpansionOneSeReluAndOddResolutions() throws Exception {
      ArchSpec a = oddNetwork();
      ComputationGraph g = network(a, 3);
      for (boolean fold : new boolean[] {true, false}) {
        for (OnnxOutput o : OnnxOutput.values()) {
          Agreement r = agreement(a, g, OnnxExporter.builder(a).foldBn(fold).output(o).build(), IMAGES, 9);
          System.out.printf("odd fold=%s %s: max relative %.2e%n", fold, o, r.maxRelative());
          assertTrue(r.maxRelative() <= TOLERANCE, "fold=" + fold + " " + o + ": relative " + r.maxRelative());
          assertEquals(IMAGES, r.top1Same());
        }
      }
    }

    @Test
    void batchDimensionIsDynamic() throws Exception {
      ArchSpec a = oddNetwork();
      ComputationGraph g = network(a, 4);
      OnnxExporter e = OnnxExporter.builder(a).build();
      try (OrtSession s = OrtCheck.session(e.toBytes(g))) {
        for (int n : new int[] {1, 3}) {
          float[] x = OrtCheck.randomImages(a, n, n);
          float[][] ort = OrtCheck.run(s, x, OrtCheck.shape(a, n));
          assertEquals(n, ort.length);
          assertTrue(OrtCheck.compare(ort, OrtCheck.dl4j(g, x, OrtCheck.shape(a, n))).maxRelative() <= TOLERANCE);
        }
      }
    }
  }

  @Nested
  class Graph {
    @Test
    void foldingLeavesNoBatchNormalizationAndKeepingLeavesOnePerConv() {
      ArchSpec a = oddNetwork();
      ComputationGraph g = network(a, 1);
      Map<String, Long> folded = ops(OnnxExporter.builder(a).build().export(g));
      Map<String, Long> kept = ops(OnnxExporter.builder(a).foldBn(false).build().export(g));
      assertFalse(folded.containsKey("BatchNormalization"));
      assertEquals(kept.get("Conv") - 4, kept.get("BatchNormalization")); // the two SE blocks' dense layers are 1x1 convs without BN
      assertEquals(folded.get("Conv"), kept.get("Conv"));
      assertFalse(folded.containsKey("Dropout"));
      assertEquals(1L, folded.get("Softmax"));
      assertEquals(2L, folded.get("Mul"));
      assertEquals(2L, folded.get("Add")); // the k7e1 block (6 -> 6) and the k3 block of stage 2; the skip adds nothing
    }

    @Test
    void modelDeclaresOpsetNamesAndMetadata() throws Exception {
      ArchSpec a = SearchSpaces.get("mobilenetv2-cifar", 0.25).max();
      ComputationGraph g = network(a, 2);
      Normalization n = new Normalization(new float[] {0.4912f, 0.4820f, 0.4464f}, new float[] {0.2453f, 0.2428f, 0.2606f});
      ModelProto m = OnnxExporter.builder(a).normalization(n).classNames(Cifar10.CLASSES).build().export(g);
      assertEquals(13, m.getOpsetImport(0).getVersion());
      assertEquals("", m.getOpsetImport(0).getDomain());
      assertEquals("slimnas", m.getProducerName());
      Map<String, String> meta = m.getMetadataPropsList().stream()
          .collect(Collectors.toMap(p -> p.getKey(), p -> p.getValue()));
      assertEquals("NCHW", meta.get(OnnxMetadata.INPUT_LAYOUT));
      assertTrue(meta.get(OnnxMetadata.MEAN).startsWith("[0.4912,0.482,0.4464]"), meta.get(OnnxMetadata.MEAN));
      assertTrue(meta.get(OnnxMetadata.CLASS_NAMES).contains("\"airplane\""));
      assertEquals("probabilities", meta.get(OnnxMetadata.OUTPUT_KIND));
      try (OrtSession s = OrtCheck.session(m.toByteArray())) {
        assertEquals(List.of("input"), List.copyOf(s.getInputNames()));
        assertEquals(List.of("probabilities"), List.copyOf(s.getOutputNames()));
        NodeInfo in = s.getInputInfo().get("input");
        assertArrayEquals(new long[] {-1, 3, 32, 32}, ((TensorInfo) in.getInfo()).getShape());
        assertEquals(meta, s.getMetadata().getCustomMetadata());
      }
    }

    private Map<String, Long> ops(ModelProto m) {
      return m.getGraph().getNodeList().stream().collect(Collectors.groupingBy(NodeProto::getOpType, Collectors.counting()));
    }
  }

  @Nested
  class Refusals {
    @Test
    void aGraphOfAnotherArchitectureIsRefusedNamingTheBlockAndNothingIsWritten(@TempDir Path tmp) {
      ArchSpec a = oddNetwork();
      ArchSpec other = a.withStages(List.of(a.stages().get(0), a.stages().get(1),
          new StageSpec(1, 11, List.of(new BlockSpec(BlockOp.mbconv(3, 6), 66, 0)))));
      ComputationGraph g = network(a, 1);
      Path out = tmp.resolve("m.onnx");
      OnnxExportException e = assertThrows(OnnxExportException.class,
          () -> OnnxExporter.builder(other).build().write(g, out, Map.of()));
      assertTrue(e.getMessage().startsWith("block 4 (stage 2, position 0), op k3e6: vertex b4.dw.conv"), e.getMessage());
      assertFalse(Files.exists(out));
      assertFalse(Provenance.existsFor(out));
      try (Stream<Path> left = Files.list(tmp)) {
        assertEquals(0, left.count());
      } catch (java.io.IOException x) {
        throw new java.io.UncheckedIOException(x);
      }
    }

    @Test
    void writesModelAndProvenanceBesideIt(@TempDir Path tmp) throws Exception {
      ArchSpec a = oddNetwork();
      ComputationGraph g = network(a, 1);
      Path out = tmp.resolve("m.onnx");
      OnnxExporter.builder(a).build().write(g, out, Map.of("source", "test"));
      assertTrue(Provenance.existsFor(out));
      assertEquals(ModelProto.parseFrom(Files.readAllBytes(out)), OnnxExporter.builder(a).build().export(g));
    }
  }

  @Nested
  class Padding {
    @Test
    void sameIsTensorFlowStyleWithTheOddPixelAtTheBottomRight() {
      assertArrayEquals(new long[] {0, 0, 1, 1}, SamePadding.pads(32, 3, 2));
      assertArrayEquals(new long[] {1, 1, 2, 2}, SamePadding.pads(32, 5, 2));
      assertArrayEquals(new long[] {1, 1, 1, 1}, SamePadding.pads(15, 3, 2));
      assertArrayEquals(new long[] {3, 3, 3, 3}, SamePadding.pads(16, 7, 1));
      assertArrayEquals(new long[] {0, 0, 0, 0}, SamePadding.pads(32, 1, 2));
    }
  }
}
