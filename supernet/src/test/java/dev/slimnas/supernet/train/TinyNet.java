package dev.slimnas.supernet.train;

import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.Normalization;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A tiny conv + BN + ReLU, pool, dropout, softmax classifier and learnable synthetic data for trainer tests. */
final class TinyNet {
  static final int SIZE = 8;
  static final int CLASSES = 4;

  private TinyNet() {}

  /** Conv 3x3 (8 channels) + BN + ReLU, global average pool, softmax output (dropout 0.2) named "output". */
  static NetworkFactory factory() {
    return TinyNet::build;
  }

  static ComputationGraph build(NetSettings s) {
    return build(s, 0.2);
  }

  /** The tiny net with classifier dropout {@code dropout} (0: none). */
  static ComputationGraph build(NetSettings s, double dropout) {
    Nd4jSetup.ensure();
    OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER);
    if (dropout > 0) {
      out.dropOut(1 - dropout);
    }
    var g = new NeuralNetConfiguration.Builder()
        .seed(s.seed())
        .dataType(s.dataType())
        .optimizationAlgo(OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT)
        .updater(s.updater())
        .weightInit(WeightInit.RELU)
        .weightDecay(s.weightDecay(), true)
        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
        .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
        .graphBuilder()
        .addInputs("input")
        .setInputTypes(InputType.convolutional(SIZE, SIZE, 3, CNN2DFormat.NCHW))
        .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(8).convolutionMode(ConvolutionMode.Same).hasBias(false)
            .activation(Activation.IDENTITY).build(), "input")
        .addLayer("bn", new BatchNormalization.Builder().decay(s.bnDecay()).activation(Activation.RELU).build(), "conv")
        .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "bn")
        .addLayer("output", out.build(), "pool")
        .setOutputs("output")
        .build();
    ComputationGraph net = new ComputationGraph(g);
    net.init();
    return net;
  }

  /**
   * {@code n} images 3 x 8 x 8 of 4 classes (labels cycle): noise plus a bright channel per class (class
   * 3: all channels brighter in the top half).
   */
  static ImageDataset data(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int plane = SIZE * SIZE;
    byte[] px = new byte[n * 3 * plane];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % CLASSES;
      labels[i] = c;
      for (int ch = 0; ch < 3; ch++) {
        for (int p = 0; p < plane; p++) {
          int v = 40 + rng.nextInt(80);
          if (c == ch || (c == 3 && p < plane / 2)) {
            v += 110;
          }
          px[(i * 3 + ch) * plane + p] = (byte) v;
        }
      }
    }
    List<String> classes = IntStream.range(0, CLASSES).mapToObj(k -> "c" + k).toList();
    return new ImageDataset(px, labels, SIZE, SIZE, 3, classes, "tiny-synthetic-" + seed);
  }

  static BatchSource trainBatches(ImageDataset data, TrainConfig config) {
    return Trainer.trainingBatches(data, Normalization.of(data), config);
  }

  static BatchSource evalBatches(ImageDataset data, ImageDataset trainData, int batch) {
    return BatchSource.evaluation(data, batch, Normalization.of(trainData));
  }

  /** A short SGD run: 2 epochs, batch 32, warm-up 0.5 epoch, cosine. */
  static TrainConfig config() {
    return new TrainConfig(2, 32, new Optimizer.Sgd(0.1, 0.9, true), new LrSchedule.Cosine(0.5, 0), 0.1, 5e-5, 7, 3, 1);
  }
}
