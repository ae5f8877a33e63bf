package dev.slimnas.cli.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.cli.Cli;
import dev.slimnas.cli.train.RunData;
import dev.slimnas.ort.OrtModel;
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
    void helpNamesTheOnnxOptions() {
      Cli.Result r = Cli.run("export", "--help");
      assertEquals(0, r.exit());
      assertTrue(r.out().contains("--onnx") && r.out().contains("--no-fold-bn") && r.out().contains("opset 13"), r.out());
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
