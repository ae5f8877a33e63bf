/**
 * ONNX Runtime (CPU) as a runtime for exported models: loading with the exporter's metadata, CIFAR-10
 * evaluation, latency measurement. The only package that uses ONNX Runtime's Java API.
 */
package dev.slimnas.ort;
