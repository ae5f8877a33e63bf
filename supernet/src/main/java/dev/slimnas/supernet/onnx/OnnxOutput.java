package dev.slimnas.supernet.onnx;

/** What the exported graph's single output holds. */
public enum OnnxOutput {
  /** Softmax probabilities {@code [N, classes]}, output {@code probabilities}: what DL4J's output layer returns. */
  PROBABILITIES("probabilities"),
  /** The classifier's logits {@code [N, classes]} before the softmax, output {@code logits}. */
  LOGITS("logits");

  private final String tensorName;

  OnnxOutput(String tensorName) {
    this.tensorName = tensorName;
  }

  /** The name of the graph output. */
  public String tensorName() {
    return tensorName;
  }
}
