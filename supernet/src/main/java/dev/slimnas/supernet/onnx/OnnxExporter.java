package dev.slimnas.supernet.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.Normalization;
import dev.slimnas.supernet.net.VertexNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Exports a DL4J network translated from an {@link ArchSpec} (by {@code net.Networks}) as an ONNX model
 * (opset {@value #OPSET}, IR version {@value #IR_VERSION}) for inference: input {@code input} (float NCHW
 * {@code [N, C, H, W]}, N dynamic, normalised as recorded in the metadata), one output
 * ({@code probabilities} or {@code logits}, {@code [N, classes]}). BN is folded into the preceding
 * convolution unless {@link Builder#foldBn(boolean) foldBn(false)}; dropout is omitted (identity at
 * inference). Ops it cannot express are refused naming the block and the op before anything is built.
 *
 * <pre>{@code
 * OnnxExporter.builder(arch).normalization(norm).classNames(Cifar10.CLASSES).build()
 *     .write(graph, Path.of("model.onnx"), Map.of("source", "runs/x/model.zip"));
 * }</pre>
 */
public final class OnnxExporter {
  public static final int OPSET = 13;
  public static final int IR_VERSION = 7;
  public static final String PRODUCER = "slimnas";
  public static final String INPUT = VertexNames.INPUT;

  private final ArchSpec arch;
  private final boolean foldBn;
  private final OnnxOutput output;
  private final Normalization normalization;
  private final List<String> classNames;
  private final String producerVersion;

  private OnnxExporter(Builder b) {
    this.arch = b.arch;
    this.foldBn = b.foldBn;
    this.output = b.output;
    this.normalization = b.normalization;
    this.classNames = b.classNames;
    this.producerVersion = b.producerVersion;
  }

  /** An exporter of networks of {@code arch}; defaults: BN folded, softmax probabilities, no normalisation (identity). */
  public static Builder builder(ArchSpec arch) {
    return new Builder(arch);
  }

  public ArchSpec arch() {
    return arch;
  }

  public boolean foldBn() {
    return foldBn;
  }

  public OnnxOutput output() {
    return output;
  }

  /** The ONNX model of {@code graph} (a network of this exporter's architecture). */
  public ModelProto export(ComputationGraph graph) {
    Objects.requireNonNull(graph, "graph");
    OnnxTranslator.checkOps(arch);
    GraphProto.Builder g = GraphProto.newBuilder().setName(arch.name());
    OnnxGraph og = new OnnxGraph(g);
    String logits = new OnnxTranslator(arch, new GraphParams(graph), og, foldBn).logits(INPUT);
    if (output == OnnxOutput.PROBABILITIES) {
      og.softmax(output.tensorName(), logits);
    } else {
      og.identity(output.tensorName(), logits, output.tensorName());
    }
    int res = arch.input().resolution();
    g.addInput(valueInfo(INPUT, dim("N"), dim(arch.input().channels()), dim(res), dim(res)));
    g.addOutput(valueInfo(output.tensorName(), dim("N"), dim(arch.classes())));
    ModelProto.Builder m = ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .setProducerName(PRODUCER)
        .setProducerVersion(producerVersion)
        .setModelVersion(1)
        .setDocString("SlimNAS network '" + arch.name() + "' exported from DL4J; input: (pixel / 255 - mean) / std, NCHW")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(g);
    metadata().forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return m.build();
  }

  /** The serialised model. */
  public byte[] toBytes(ComputationGraph graph) {
    return export(graph).toByteArray();
  }

  /**
   * Writes the model to {@code out} atomically (the whole model is built in memory first, so a refusal
   * writes nothing) and its provenance record beside it, with {@code details} (source, command, ...).
   */
  public void write(ComputationGraph graph, Path out, Map<String, Object> details) {
    write(toBytes(graph), out, details);
  }

  /**
   * Writes {@code bytes}, a model this exporter made ({@link #toBytes}), to {@code out} atomically with its
   * provenance record: for callers that export several networks before writing any.
   */
  public void write(byte[] bytes, Path out, Map<String, Object> details) {
    AtomicFiles.writeBytes(out, bytes);
    Map<String, Object> d = new LinkedHashMap<>(details);
    d.put("format", "onnx");
    d.put("opset", OPSET);
    d.put("bnFolded", foldBn);
    d.put("output", output.tensorName());
    d.put("architecture", arch.name());
    d.put("bytes", bytes.length);
    d.put("sha256", dev.slimnas.space.io.Checksums.sha256(bytes));
    Provenance.of(out.getFileName().toString(), "onnx-model", null, Json.fingerprint(arch), d).writeBeside(out);
  }

  /** The metadata written into the model. */
  public Map<String, String> metadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(OnnxMetadata.INPUT_LAYOUT, "NCHW");
    m.put(OnnxMetadata.NORMALIZATION, "(pixel / 255 - mean[c]) / std[c], c over the channels in RGB order");
    m.put(OnnxMetadata.MEAN, jsonArray(normalization.mean()));
    m.put(OnnxMetadata.STD, jsonArray(normalization.std()));
    m.put(OnnxMetadata.CLASS_NAMES, json(classNames));
    m.put(OnnxMetadata.OUTPUT_KIND, output.tensorName());
    m.put(OnnxMetadata.BN_FOLDED, Boolean.toString(foldBn));
    m.put(OnnxMetadata.ARCHITECTURE, SpecFiles.archJson(arch));
    return m;
  }

  private static String jsonArray(float[] v) {
    List<Double> l = new ArrayList<>();
    for (float f : v) {
      l.add(Double.parseDouble(Float.toString(f))); // 0.4912f as 0.4912, not 0.49120000004
    }
    return json(l);
  }

  private static String json(Object value) {
    try {
      return Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value + " as JSON", e);
    }
  }

  private static TensorShapeProto.Dimension dim(long v) {
    return TensorShapeProto.Dimension.newBuilder().setDimValue(v).build();
  }

  private static TensorShapeProto.Dimension dim(String param) {
    return TensorShapeProto.Dimension.newBuilder().setDimParam(param).build();
  }

  private static ValueInfoProto valueInfo(String name, TensorShapeProto.Dimension... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (TensorShapeProto.Dimension d : dims) {
      shape.addDim(d);
    }
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
        .build();
  }

  /** Settings of an {@link OnnxExporter}; {@code builder(arch)} takes the one required input. */
  public static final class Builder {
    private final ArchSpec arch;
    private boolean foldBn = true;
    private OnnxOutput output = OnnxOutput.PROBABILITIES;
    private Normalization normalization;
    private List<String> classNames;
    private String producerVersion = defaultVersion();

    private Builder(ArchSpec arch) {
      this.arch = Objects.requireNonNull(arch, "arch");
      this.normalization = Normalization.identity(arch.input().channels());
      List<String> names = new ArrayList<>();
      for (int c = 0; c < arch.classes(); c++) {
        names.add("class" + c);
      }
      this.classNames = List.copyOf(names);
    }

    /** Fold BN into the preceding convolution (default true); false keeps BatchNormalization nodes. */
    public Builder foldBn(boolean fold) {
      this.foldBn = fold;
      return this;
    }

    public Builder output(OnnxOutput o) {
      this.output = Objects.requireNonNull(o, "output");
      return this;
    }

    /** The input normalisation the network was trained with, recorded in the metadata. */
    public Builder normalization(Normalization n) {
      if (n.channels() != arch.input().channels()) {
        throw new IllegalArgumentException("normalisation has " + n.channels() + " channels, the network's input "
            + arch.input().channels());
      }
      this.normalization = n;
      return this;
    }

    public Builder classNames(List<String> names) {
      if (names.size() != arch.classes()) {
        throw new IllegalArgumentException(names.size() + " class names for a network of " + arch.classes() + " classes");
      }
      this.classNames = List.copyOf(names);
      return this;
    }

    public Builder producerVersion(String v) {
      this.producerVersion = Objects.requireNonNull(v, "producerVersion");
      return this;
    }

    public OnnxExporter build() {
      return new OnnxExporter(this);
    }

    private static String defaultVersion() {
      Package p = OnnxExporter.class.getPackage();
      String v = p == null ? null : p.getImplementationVersion();
      return v == null ? "dev" : v;
    }
  }
}
