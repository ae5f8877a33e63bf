package dev.slimnas.supernet.onnx;

import dev.slimnas.space.io.BadInput;

/**
 * The exporter cannot express a network in ONNX (an op it does not know, a graph that does not match its
 * architecture). The message names the block and the op or vertex; nothing has been written.
 */
public final class OnnxExportException extends IllegalArgumentException implements BadInput {
  private static final long serialVersionUID = 1L;

  public OnnxExportException(String message) {
    super(message);
  }
}
