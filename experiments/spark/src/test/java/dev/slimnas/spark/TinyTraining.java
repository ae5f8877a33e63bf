package dev.slimnas.spark;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.trial.Trial;
import dev.slimnas.space.trial.TrialContext;
import dev.slimnas.space.trial.TrialResult;
import dev.slimnas.space.trial.TrialWork;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.Normalization;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.onnx.OnnxExporter;
import dev.slimnas.supernet.train.GraphFiles;
import dev.slimnas.supernet.train.RunFolder;
import dev.slimnas.supernet.train.TrainConfig;
import dev.slimnas.supernet.train.TrainResult;
import dev.slimnas.supernet.train.Trainer;
import java.io.Serializable;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A real, tiny DL4J training as a trial: the smallest MobileNetV2-CIFAR x0.25 network, one epoch of 128 seeded
 * synthetic 32x32 images (the class shifts the colour), evaluated on 64 more; then the trained network is read
 * back (ModelSerializer), exported to ONNX (Tribuo's protobuf classes) and the bytes parsed again. The result
 * document (the project's JSON) names accuracy, loss and the SHA-256 of the ONNX bytes: equal documents mean
 * equal weights.
 */
final class TinyTraining implements TrialWork<TinyTraining.Input> {
  private static final long serialVersionUID = 1L;

  record Input(long seed) implements Serializable {}

  @Override
  public Optional<TrialResult> finished(Trial<Input> trial) {
    var f = trial.dir().resolve("tiny-result.json");
    return java.nio.file.Files.exists(f) ? Optional.of(new TrialResult(trial.name(), Json.readText(f))) : Optional.empty();
  }

  @Override
  public TrialResult run(Trial<Input> trial, TrialContext context) {
    long seed = trial.input().seed();
    ArchSpec arch = SearchSpaces.get("mobilenetv2-cifar", 0.25).min();
    ImageDataset train = images(128, seed);
    ImageDataset test = images(64, seed + 1);
    Normalization n = Normalization.of(train);
    TrainConfig config = TrainConfig.cifarShort(1, seed);
    TrainResult r = Trainer.builder(config, s -> Networks.build(arch, s), Trainer.trainingBatches(train, n, config), trial.dir())
        .evaluation(BatchSource.evaluation(test, 64, n))
        .build()
        .complete();
    TrainResult again = new RunFolder(trial.dir()).readResult(); // the project's JSON, on Spark's Jackson
    ComputationGraph g = GraphFiles.read(new RunFolder(trial.dir()).model(), false);
    ModelProto onnx = OnnxExporter.builder(arch).normalization(n).classNames(train.classes()).build().export(g);
    byte[] bytes = onnx.toByteArray();
    try {
      if (!ModelProto.parseFrom(bytes).equals(onnx)) {
        throw new IllegalStateException("the ONNX model did not survive a protobuf round trip");
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("accuracy", again.eval().accuracy());
      doc.put("loss", again.eval().loss());
      doc.put("steps", r.steps());
      doc.put("onnxSha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
      String text = Json.toJson("slimnas.test-tiny-training", 1, doc);
      AtomicFiles.writeString(trial.dir().resolve("tiny-result.json"), text);
      return new TrialResult(trial.name(), text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ImageDataset images(int count, long seed) {
    Random rnd = new Random(seed);
    byte[] px = new byte[count * 3 * 32 * 32];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % 10;
      for (int c = 0; c < 3; c++) {
        for (int k = 0; k < 32 * 32; k++) {
          int v = rnd.nextInt(128) + (c == labels[i] % 3 ? 12 * labels[i] : 0);
          px[(i * 3 + c) * 32 * 32 + k] = (byte) v;
        }
      }
    }
    List<String> classes = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      classes.add("c" + k);
    }
    return new ImageDataset(px, labels, 32, 32, 3, classes, "synthetic seed " + seed);
  }
}
