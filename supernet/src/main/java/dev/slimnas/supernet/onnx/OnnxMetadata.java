package dev.slimnas.supernet.onnx;

/**
 * Keys of the exported model's {@code metadata_props}. List values are JSON arrays, so
 * {@code json.loads(session.get_modelmeta().custom_metadata_map["normalization_mean"])} reads them in Python.
 */
public final class OnnxMetadata {
  /** {@code NCHW}. */
  public static final String INPUT_LAYOUT = "input_layout";
  /** The formula the input was normalised with: {@code (pixel / 255 - mean[c]) / std[c]}. */
  public static final String NORMALIZATION = "normalization";
  /** Per-channel mean on the 0..1 scale, JSON array. */
  public static final String MEAN = "normalization_mean";
  /** Per-channel standard deviation on the 0..1 scale, JSON array. */
  public static final String STD = "normalization_std";
  /** Class names in output order, JSON array. */
  public static final String CLASS_NAMES = "class_names";
  /** {@code probabilities} or {@code logits} (see {@link OnnxOutput}). */
  public static final String OUTPUT_KIND = "output_kind";
  /** {@code true} when BN was folded into the convolutions. */
  public static final String BN_FOLDED = "bn_folded";
  /** The architecture as the project's JSON ({@code slimnas.arch}). */
  public static final String ARCHITECTURE = "architecture";

  private OnnxMetadata() {}
}
