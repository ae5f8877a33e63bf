package dev.slimnas.ort;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.space.io.BadInput;
import dev.slimnas.space.json.Json;
import dev.slimnas.supernet.data.Normalization;
import dev.slimnas.supernet.onnx.OnnxMetadata;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ONNX image classifier loaded in ONNX Runtime (CPU): one float NCHW input, one {@code [N, classes]}
 * output, and the metadata the project's exporter writes (normalisation, class names, output kind).
 */
public final class OrtModel implements AutoCloseable {
  private final Path file;
  private final OrtSession session;
  private final String input;
  private final long[] inputShape;
  private final Map<String, String> metadata;

  private OrtModel(Path file, OrtSession session) throws OrtException {
    this.file = file;
    this.session = session;
    if (session.getInputNames().size() != 1 || session.getOutputNames().size() != 1) {
      throw new ModelException(file + ": expected one input and one output, found inputs " + session.getInputNames()
          + " and outputs " + session.getOutputNames());
    }
    this.input = session.getInputNames().iterator().next();
    NodeInfo in = session.getInputInfo().get(input);
    if (!(in.getInfo() instanceof TensorInfo t) || t.getShape().length != 4) {
      throw new ModelException(file + ": input '" + input + "' is not a 4-d tensor (NCHW images): " + in.getInfo());
    }
    this.inputShape = t.getShape();
    this.metadata = session.getMetadata().getCustomMetadata();
  }

  /**
   * Loads {@code file} with {@code threads} intra-op threads (0: ONNX Runtime's default, all cores),
   * sequential execution, all graph optimisations.
   */
  public static OrtModel load(Path file, int threads) {
    if (!Files.isRegularFile(file)) {
      throw new ModelException(file + ": no such file");
    }
    try {
      OrtSession.SessionOptions o = new OrtSession.SessionOptions();
      o.setIntraOpNumThreads(threads);
      o.setInterOpNumThreads(1);
      o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      return new OrtModel(file, OrtEnvironment.getEnvironment().createSession(file.toString(), o));
    } catch (OrtException e) {
      throw new ModelException(file + ": ONNX Runtime cannot load it: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  public Path file() {
    return file;
  }

  /** Channels, height and width of the input (batch excluded). */
  public int[] imageShape() {
    return new int[] {(int) inputShape[1], (int) inputShape[2], (int) inputShape[3]};
  }

  /** The normalisation recorded by the exporter, or empty when the model has none. */
  public java.util.Optional<Normalization> normalization() {
    if (!metadata.containsKey(OnnxMetadata.MEAN) || !metadata.containsKey(OnnxMetadata.STD)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Normalization(floats(OnnxMetadata.MEAN), floats(OnnxMetadata.STD)));
  }

  /** True when the output holds logits (metadata {@code output_kind}), false for probabilities. */
  public boolean outputsLogits() {
    return "logits".equals(metadata.get(OnnxMetadata.OUTPUT_KIND));
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  /** The output for {@code n} images {@code x} (NCHW, normalised). */
  public float[][] run(float[] x, int n) {
    int[] s = imageShape();
    long[] shape = {n, s[0], s[1], s[2]};
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
        OrtSession.Result r = session.run(Map.of(input, t))) {
      return (float[][]) r.get(0).getValue();
    } catch (OrtException e) {
      throw new ModelException(file + ": ONNX Runtime failed on a batch of shape " + java.util.Arrays.toString(shape)
          + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private float[] floats(String key) {
    try {
      JsonNode a = Json.mapper().readTree(metadata.get(key));
      List<Float> l = new ArrayList<>();
      a.forEach(v -> l.add((float) v.asDouble()));
      float[] f = new float[l.size()];
      for (int i = 0; i < f.length; i++) {
        f[i] = l.get(i);
      }
      return f;
    } catch (java.io.IOException | RuntimeException e) {
      throw new ModelException(file + ": metadata '" + key + "' is not a JSON array of numbers: " + metadata.get(key));
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(file + ": closing the session failed: " + e.getMessage(), e);
    }
  }

  /** A model ONNX Runtime cannot load or run, or one without what the project needs; bad input. */
  public static final class ModelException extends IllegalArgumentException implements BadInput {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
      super(message);
    }
  }
}
