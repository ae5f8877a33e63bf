package dev.slimnas.supernet.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.Batch;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.data.FinalData;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.onnx.OrtCheck.Agreement;
import dev.slimnas.supernet.slim.BnCalibration;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * ORT against DL4J on every reference network (random inputs, BN folded and kept) and on 1,000 real
 * CIFAR-10 test images for CIFAR networks whose BN statistics are recalibrated on real training images.
 * {@code mvn -Pslow -pl supernet -Dtest=OnnxExportSlowTest}.
 */
@Tag("slow")
class OnnxExportSlowTest {
  static final int REAL_IMAGES = 1000;
  static FinalData data;

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  static Stream<Arguments> referenceNetworks() {
    return Stream.of(
        Arguments.of(ReferenceNetworks.singlePathNasFinal()),
        Arguments.of(ReferenceNetworks.mobileNetV2(1.0)),
        Arguments.of(ReferenceNetworks.mobileNetV2(0.5)),
        Arguments.of(ReferenceNetworks.singlePathNasFinalCifar()),
        Arguments.of(ReferenceNetworks.mobileNetV2Cifar(1.0)),
        Arguments.of(ReferenceNetworks.mobileNetV2Cifar(0.5)),
        Arguments.of(SearchSpaces.get("spnas-se-cifar").max().withName("spnas-se-cifar-max")));
  }

  static Stream<Arguments> cifarNetworks() {
    return Stream.of(
        Arguments.of(ReferenceNetworks.mobileNetV2Cifar(0.5)),
        Arguments.of(SearchSpaces.get("spnas-se-cifar", 0.5).sampleUniform(new SplittableRandom(17)).withName("spnas-se-cifar-x0.5-sample")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("referenceNetworks")
  void ortMatchesDl4jOnEveryReferenceNetwork(ArchSpec a) throws Exception {
    ComputationGraph g = OnnxExporterTest.network(a, 21);
    for (boolean fold : new boolean[] {true, false}) {
      Agreement r = OnnxExporterTest.agreement(a, g, OnnxExporter.builder(a).foldBn(fold).build(), 2, 3);
      Agreement l = OnnxExporterTest.agreement(a, g, OnnxExporter.builder(a).foldBn(fold).output(OnnxOutput.LOGITS).build(), 2, 3);
      System.out.printf("%s fold=%s: probabilities max relative %.2e, logits %.2e, top-1 %d/%d%n", a.name(), fold,
          r.maxRelative(), l.maxRelative(), r.top1Same(), r.images());
      assertTrue(r.maxRelative() <= OnnxExporterTest.TOLERANCE && l.maxRelative() <= OnnxExporterTest.TOLERANCE,
          a.name() + " fold=" + fold + ": " + r + " / " + l);
      assertEquals(r.images(), r.top1Same());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cifarNetworks")
  void ortMatchesDl4jOnAThousandRealTestImages(ArchSpec a) throws Exception {
    if (data == null) {
      data = Cifar10.load().finalTraining();
    }
    ComputationGraph g = OnnxExporterTest.network(a, 31);
    BnCalibration.recalibrate(g, BnCalibration.inputs(
        BatchSource.evaluation(data.train(), 100, data.normalization()), 3, DataType.FLOAT));
    BatchSource test = BatchSource.evaluation(data.test(), 250, data.normalization());
    int batches = REAL_IMAGES / test.batchSize();
    float[][][] probabilities = new float[batches][][];
    float[][][] logits = new float[batches][][];
    for (int b = 0; b < batches; b++) { // DL4J once per batch, both outputs
      Batch batch = test.batch(0, b);
      probabilities[b] = OrtCheck.dl4j(g, batch.features(), batch.shape());
      logits[b] = OrtCheck.dl4jLogits(g, batch.features(), batch.shape());
    }
    for (boolean fold : new boolean[] {true, false}) {
      for (OnnxOutput o : OnnxOutput.values()) {
        OnnxExporter e = OnnxExporter.builder(a).foldBn(fold).output(o).normalization(data.normalization())
            .classNames(Cifar10.CLASSES).build();
        Agreement total = new Agreement(0, 0, 0);
        try (OrtSession s = OrtCheck.session(e.toBytes(g))) {
          for (int b = 0; b < batches; b++) {
            Batch batch = test.batch(0, b);
            float[][] ort = OrtCheck.run(s, batch.features(), batch.shape());
            total = total.plus(OrtCheck.compare(ort, o == OnnxOutput.LOGITS ? logits[b] : probabilities[b]));
          }
        }
        System.out.printf("%s fold=%s %s on %d real test images: max relative %.2e, top-1 agreement %d/%d%n",
            a.name(), fold, o, total.images(), total.maxRelative(), total.top1Same(), total.images());
        assertTrue(total.maxRelative() <= OnnxExporterTest.TOLERANCE, a.name() + ": " + total);
        assertEquals(total.images(), total.top1Same(), a.name() + ": " + total);
      }
    }
  }
}
