package dev.slimnas.spark;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.trial.Trial;
import dev.slimnas.space.trial.TrialContext;
import dev.slimnas.space.trial.TrialResult;
import dev.slimnas.space.trial.TrialWork;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A real, tiny DL4J training as a trial, quick enough for the default build: a 2-layer dense network, 30 Adam steps on
 * 64 seeded samples of 3 separable classes, saved and read back with ModelSerializer (a zip with JSON inside); the
 * project's JSON (an architecture written and parsed) and Tribuo's ONNX protobuf classes (a model written and parsed)
 * are used in the same task. The result document (the project's JSON) names the final loss and the output sum.
 */
final class DenseTraining implements TrialWork<DenseTraining.Input> {
  private static final long serialVersionUID = 1L;

  record Input(long seed) implements Serializable {}

  @Override
  public Optional<TrialResult> finished(Trial<Input> trial) {
    Path f = trial.dir().resolve("dense-result.json");
    return Files.exists(f) ? Optional.of(new TrialResult(trial.name(), Json.readText(f))) : Optional.empty();
  }

  @Override
  public TrialResult run(Trial<Input> trial, TrialContext context) {
    try {
      Files.createDirectories(trial.dir());
      long seed = trial.input().seed();
      java.util.Random rnd = new java.util.Random(seed);
      float[] v = new float[64 * 4];
      for (int i = 0; i < v.length; i++) {
        v[i] = rnd.nextFloat();
      }
      INDArray x = Nd4j.create(v, new long[] {64, 4}, DataType.FLOAT);
      INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 3);
      for (int i = 0; i < 64; i++) {
        int c = i % 3;
        y.putScalar(i, c, 1);
        x.putScalar(i, c, x.getDouble(i, c) + 2);
      }
      MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(0.05))
          .dataType(DataType.FLOAT).list()
          .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
          .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3).activation(Activation.SOFTMAX).build())
          .build());
      net.init();
      for (int i = 0; i < 30; i++) {
        net.fit(x, y);
      }
      Path model = trial.dir().resolve("dense.zip");
      ModelSerializer.writeModel(net, model.toFile(), true);
      MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), true);

      ArchSpec arch = SearchSpaces.get("mobilenetv2-cifar", 0.25).min();
      if (!SpecFiles.parseArch(SpecFiles.archJson(arch), "round trip").equals(arch)) {
        throw new IllegalStateException("an architecture did not survive the project's JSON");
      }
      ModelProto onnx = ModelProto.newBuilder().setProducerName("slimnas").setIrVersion(8).build();
      if (!ModelProto.parseFrom(onnx.toByteArray()).equals(onnx)) {
        throw new IllegalStateException("an ONNX model did not survive protobuf");
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("score", back.score(new org.nd4j.linalg.dataset.DataSet(x, y)));
      doc.put("outputSum", back.output(x).sumNumber().doubleValue());
      String text = Json.toJson("slimnas.test-dense-training", 1, doc);
      AtomicFiles.writeString(trial.dir().resolve("dense-result.json"), text);
      return new TrialResult(trial.name(), text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
