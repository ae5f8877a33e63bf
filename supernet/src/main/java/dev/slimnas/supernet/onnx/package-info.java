/**
 * ONNX export of the networks {@code net.Networks} translates from an {@code ArchSpec}: opset 13, BN folded
 * or kept, normalisation and class names in the metadata, written atomically with provenance. The protobuf
 * classes are Tribuo's generated {@code ai.onnx.proto.OnnxMl}.
 */
package dev.slimnas.supernet.onnx;
