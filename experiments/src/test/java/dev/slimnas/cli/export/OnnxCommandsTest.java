package dev.slimnas.cli.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.cli.Cli;
import dev.slimnas.cli.train.RunData;
import dev.slimnas.ort.OrtModel;
import dev.slimnas.space.io.Checksums;
import dev.slimnas.space.json.Json;
import dev.slimnas.supernet.export.BundleConfig;
import dev.slimnas.supernet.export.BundleManifest;
import dev.slimnas.supernet.export.SlimmableModel;
import dev.slimnas.supernet.slim.SlimmableFamily;
import dev.slimnas.supernet.slim.SubnetCache;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.train.GraphFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class OnnxCommandsTest {
  static final float[] MEAN = {0.4912f, 0.4820f, 0.4464f};
  static final float[] STD = {0.2453f, 0.2428f, 0.2606f};

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  /** A run folder as 'slimnas train' leaves it (model.zip, arch.json, data.json), with an untrained network. */
  static ComputationGraph run(Path dir, ArchSpec a) {
    ComputationGraph g = Networks.build(a, NetSettings.defaults(7));
    GraphFiles.write(g, dir.resolve("model.zip"), false);
    AtomicFiles.writeString(dir.resolve("arch.json"), SpecFiles.archJson(a));
    new RunData("cifar10", "train", "test", 50000, MEAN, STD).write(dir.resolve("data.json"));
    return g;
  }

  static ArchSpec arch() {
    return SearchSpaces.get("spnas-se-cifar", 0.25).sampleUniform(new java.util.SplittableRandom(3));
  }

  @Nested
  class Export {
    @Test
    void writesAnOnnxModelThatOrtRunsLikeDl4j(@TempDir Path tmp) throws Exception {
      ArchSpec a = arch();
      ComputationGraph g = run(tmp.resolve("run"), a);
      Path out = tmp.resolve("m.onnx");
      Cli.Result r = Cli.run("export", "--model", tmp.resolve("run").toString(), "--onnx", "--out", out.toString());
      assertEquals(0, r.exit(), r.toString());
      assertTrue(Provenance.existsFor(out));
      float[] x = new float[2 * 3 * 32 * 32];
      Random rnd = new Random(1);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rnd.nextGaussian();
      }
      float[][] dl4j = g.outputSingle(false, Nd4j.create(x, new long[] {2, 3, 32, 32})).toFloatMatrix();
      try (OrtModel m = OrtModel.load(out, 1)) {
        float[][] ort = m.run(x, 2);
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 10; j++) {
            assertEquals(dl4j[i][j], ort[i][j], 1e-4, "image " + i + " class " + j);
          }
        }
        assertEquals(MEAN[1], m.normalization().orElseThrow().mean()[1]);
        assertFalse(m.outputsLogits());
      }
    }

    @Test
    void aModelZipElsewhereNeedsArchAndData(@TempDir Path tmp) throws Exception {
      ArchSpec a = arch();
      run(tmp.resolve("run"), a);
      Path zip = tmp.resolve("loose.zip");
      Files.copy(tmp.resolve("run").resolve("model.zip"), zip);
      Path out = tmp.resolve("m.onnx");
      Cli.Result r = Cli.run("export", "--model", zip.toString(), "--onnx", "--out", out.toString());
      assertEquals(2, r.exit(), r.toString());
      assertEquals(1, r.errLines().size(), r.toString());
      assertTrue(r.err().contains("--arch FILE"), r.err());
      Cli.Result ok = Cli.run("export", "--model", zip.toString(), "--onnx", "--no-fold-bn", "--logits",
          "--arch", tmp.resolve("run/arch.json").toString(), "--data", tmp.resolve("run/data.json").toString(),
          "--out", out.toString());
      assertEquals(0, ok.exit(), ok.toString());
      try (OrtModel m = OrtModel.load(out, 1)) {
        assertTrue(m.outputsLogits());
        assertEquals("false", m.metadata().get("bn_folded"));
      }
    }

    @Test
    void aNetworkOfAnotherArchitectureIsRefusedInOneLineAndNothingIsWritten(@TempDir Path tmp) {
      ArchSpec a = arch();
      run(tmp.resolve("run"), a);
      ArchSpec other = SearchSpaces.get("mobilenetv2-cifar", 0.25).max();
      AtomicFiles.writeString(tmp.resolve("other.json"), SpecFiles.archJson(other));
      Path out = tmp.resolve("m.onnx");
      Cli.Result r = Cli.run("export", "--model", tmp.resolve("run").toString(), "--arch", tmp.resolve("other.json").toString(),
          "--onnx", "--out", out.toString());
      assertEquals(2, r.exit(), r.toString());
      assertEquals(1, r.errLines().size(), r.toString());
      assertTrue(r.err().contains("vertex"), r.err());
      assertFalse(Files.exists(out));
    }

    @Test
    void badOptionsExitTwoWithOneLine(@TempDir Path tmp) {
      run(tmp.resolve("run"), arch());
      String runDir = tmp.resolve("run").toString();
      String out = tmp.resolve("x.onnx").toString();
      for (String[] args : new String[][] {
          {"export", "--model", runDir, "--out", out},
          {"export", "--model", tmp.resolve("nothing").toString(), "--onnx", "--out", out},
          {"export", "--model", runDir, "--bundle", runDir, "--onnx", "--out", out},
          {"export", "--model", tmp.toString(), "--onnx", "--out", out},
          {"export", "--model", runDir, "--onnx", "--budget-ms", "3", "--out", out}}) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exit(), String.join(" ", args) + "\n" + r);
        assertEquals(1, r.errLines().size(), String.join(" ", args) + "\n" + r);
      }
    }

    @Test
    void aBadFormatOrOnnxWithoutATrainedNetworkExitsTwoBeforeAnyWork(@TempDir Path tmp) {
      for (String[] args : new String[][] {
          {"train", "--ref", "mobilenetv2-0.25-cifar", "--format", "tflite", "--out", tmp.resolve("t").toString()},
          {"search", "--format", "tflite", "--out", tmp.resolve("s").toString()},
          {"search", "--format", "onnx", "--out", tmp.resolve("s2").toString()}}) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exit(), String.join(" ", args) + "\n" + r);
        assertEquals(1, r.errLines().size(), String.join(" ", args) + "\n" + r);
        assertTrue(r.err().contains("--format") || r.err().contains("--train-epochs"), r.err());
        assertFalse(Files.exists(tmp.resolve("t")) || Files.exists(tmp.resolve("s")) || Files.exists(tmp.resolve("s2")));
      }
    }

    @Test
    void helpNamesTheOnnxOptions() {
      Cli.Result r = Cli.run("export", "--help");
      assertEquals(0, r.exit());
      assertTrue(r.out().contains("--onnx") && r.out().contains("--no-fold-bn") && r.out().contains("opset 13")
          && r.out().contains("--all") && r.out().contains("--format"), r.out());
    }
  }

  /** A slimmable bundle of spnas-cifar x0.25 (two configurations: smallest and full), untrained weights. */
  static Path bundle(Path dir, boolean recordsNormalization) {
    SlimmableFamily family = SlimmableFamily.uniformOps(SearchSpaces.get("spnas-cifar", 0.25), 0).withRange(0.25, 1.0);
    NetSettings settings = NetSettings.defaults(5);
    ComputationGraph full = Networks.build(family.fullArch(), settings);
    SubnetCache cache = new SubnetCache(settings, 2);
    List<BundleConfig> configs = new ArrayList<>();
    double[][] widths = {family.smallest(), family.full()};
    for (int i = 0; i < widths.length; i++) {
      ComputationGraph sub = cache.withWeightsOf(full, family.arch(widths[i]));
      configs.add(new BundleConfig(Arrays.stream(widths[i]).boxed().toList(), 0.5 + 0.1 * i, Map.of("dev", 10.0 + 5 * i, "macs", 20.0 + i),
          SlimmableModel.bnStatistics(sub)));
    }
    BundleManifest draft = new BundleManifest("spnas-cifar", 0.25, family.ops().asList(), family.lower(), family.upper(), "-", "-",
        "test", configs);
    SlimmableModel.write(dir, draft, full, Map.of("test", true));
    if (recordsNormalization) {
      new RunData("cifar10", "search-train", "test", 100, MEAN, STD).write(dir.resolve(BundleCommand.DATA));
    }
    return dir;
  }

  @Nested
  class Bundles {
    @Test
    void everyConfigurationAsOnnxWithAManifestAnAppCanPickFrom(@TempDir Path tmp) throws Exception {
      Path b = bundle(tmp.resolve("bundle"), true);
      Path out = tmp.resolve("onnx");
      Cli.Result r = Cli.run("export", "--bundle", b.toString(), "--onnx", "--all", "--out", out.toString());
      assertEquals(0, r.exit(), r.toString());
      OnnxBundleManifest m = Json.read(out.resolve(OnnxBundleManifest.FILE), OnnxBundleManifest.SCHEMA, 1, OnnxBundleManifest.class);
      SlimmableModel sm = SlimmableModel.load(b);
      assertEquals(2, m.models().size());
      assertEquals("thread-cpu", m.measuredOn().get("clock"));
      float[] x = new float[2 * 3 * 32 * 32];
      Random rnd = new Random(2);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rnd.nextGaussian();
      }
      for (int i = 0; i < 2; i++) {
        OnnxBundleManifest.Model model = m.models().get(i);
        BundleConfig c = sm.manifest().configs().get(i);
        Path file = out.resolve(model.file());
        assertEquals(Checksums.sha256(file), model.sha256());
        assertEquals(Files.size(file), model.bytes());
        assertEquals(c.widths(), model.widths());
        assertEquals(c.latencyMs(), model.predictedLatencyMs());
        assertEquals(c.accuracy(), model.accuracy());
        assertTrue(model.ortLatencyMs() > 0, model.toString());
        assertTrue(Provenance.existsFor(file));
        float[][] dl4j = sm.network(c).outputSingle(false, Nd4j.create(x, new long[] {2, 3, 32, 32})).toFloatMatrix();
        try (OrtModel o = OrtModel.load(file, 1)) {
          assertEquals(MEAN[2], o.normalization().orElseThrow().mean()[2], "the bundle's normalisation, without --data");
          float[][] ort = o.run(x, 2);
          for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 10; j++) {
              assertEquals(dl4j[k][j], ort[k][j], 1e-4, model.file() + " image " + k + " class " + j);
            }
          }
        }
      }
      assertTrue(m.models().get(0).mmacs() < m.models().get(1).mmacs());
    }

    @Test
    void oneConfigurationForABudgetTakesTheBundlesNormalisation(@TempDir Path tmp) throws Exception {
      Path b = bundle(tmp.resolve("bundle"), true);
      Path out = tmp.resolve("m.onnx");
      Cli.Result r = Cli.run("export", "--bundle", b.toString(), "--budget-ms", "12", "--device", "dev", "--format", "onnx",
          "--out", out.toString());
      assertEquals(0, r.exit(), r.toString());
      try (OrtModel o = OrtModel.load(out, 1)) {
        assertEquals(STD[0], o.normalization().orElseThrow().std()[0]);
      }
    }

    @Test
    void badBundleExportsExitTwoWithOneLineAndWriteNothing(@TempDir Path tmp) {
      Path old = bundle(tmp.resolve("old"), false);
      Path b = bundle(tmp.resolve("bundle"), true);
      Path out = tmp.resolve("out");
      for (String[] args : new String[][] {
          {"export", "--bundle", old.toString(), "--onnx", "--all", "--out", out.toString()},
          {"export", "--bundle", b.toString(), "--onnx", "--all", "--budget-ms", "12", "--out", out.toString()},
          {"export", "--bundle", b.toString(), "--all", "--out", out.toString()},
          {"export", "--bundle", b.toString(), "--format", "tflite", "--budget-ms", "12", "--out", out.toString()},
          {"export", "--bundle", b.toString(), "--onnx", "--format", "dl4j", "--budget-ms", "12", "--out", out.toString()}}) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exit(), String.join(" ", args) + "\n" + r);
        assertEquals(1, r.errLines().size(), String.join(" ", args) + "\n" + r);
        assertFalse(Files.exists(out), String.join(" ", args));
      }
      Cli.Result r = Cli.run("export", "--bundle", old.toString(), "--onnx", "--all", "--out", out.toString());
      assertTrue(r.err().contains("--data"), r.err());
    }
  }

  @Nested
  class Eval {
    @Test
    void aFileOrtCannotLoadExitsTwoWithOneLine(@TempDir Path tmp) throws Exception {
      Path bad = tmp.resolve("bad.onnx");
      Files.writeString(bad, "not a model");
      for (Path p : new Path[] {bad, tmp.resolve("missing.onnx")}) {
        Cli.Result r = Cli.run("eval", "--model", p.toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.err().contains(p.getFileName().toString()), r.err());
      }
    }
  }

  @Nested
  class Latency {
    @Test
    void measuresTheExportInOnnxRuntime() throws Exception {
      Cli.Result r = Cli.run("latency", "measure", "--ref", "mobilenetv2-0.25-cifar", "--runtime", "onnxruntime",
          "--target-ms", "0", "--json");
      assertEquals(0, r.exit(), r.toString());
      var doc = dev.slimnas.space.json.Json.mapper().readTree(r.out().strip());
      assertEquals("onnxruntime", doc.get("runtime").asText());
      assertEquals(1, doc.get("threads").asInt());
      assertEquals("thread-cpu", doc.get("clock").asText());
      assertTrue(doc.get("latency").get("ms").asDouble() > 0, r.out());
      assertTrue(doc.get("latency").get("samples").asInt() >= 5, r.out()); // calls kept after Tukey outliers
    }

    @Test
    void anUnknownRuntimeExitsTwoWithOneLine() {
      Cli.Result r = Cli.run("latency", "measure", "--ref", "mobilenetv2-0.25-cifar", "--runtime", "tflite");
      assertEquals(2, r.exit(), r.toString());
      assertEquals(1, r.errLines().size(), r.toString());
      assertTrue(r.err().contains("--runtime"), r.err());
    }
  }
}
