package dev.slimnas.supernet.single;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks around one searchable block, and helpers to pin its indicators. */
final class Fixtures {
  static final String BLOCK = "blk";
  static final int CLASSES = 3;

  private Fixtures() {}

  /**
   * input [N, in, size, size] -> (1x1 conv to the block's width, tanh, when {@code expand}) -> block ->
   * global average pool -> softmax over {@link #CLASSES} classes.
   */
  static ComputationGraph net(DataType type, SinglePathBlock block, int in, int size, boolean expand, IUpdater updater,
      long seed) {
    var g = new NeuralNetConfiguration.Builder()
        .seed(seed).dataType(type).updater(updater).weightInit(WeightInit.RELU)
        .graphBuilder()
        .addInputs("input")
        .setInputTypes(InputType.convolutional(size, size, expand ? in : block.getNIn()));
    String x = "input";
    if (expand) {
      g.addLayer("expand", new ConvolutionLayer.Builder(1, 1).nIn(in).nOut(block.getNIn())
          .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).weightInit(WeightInit.XAVIER).build(), x);
      x = "expand";
    }
    ComputationGraphConfiguration conf = g.addLayer(BLOCK, block, x)
        .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), BLOCK)
        .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(block.getNOut())
            .nOut(CLASSES).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), "pool")
        .setOutputs("output")
        .build();
    ComputationGraph net = new ComputationGraph(conf);
    net.init();
    return net;
  }

  static INDArray labels(DataType type, int n) {
    INDArray y = Nd4j.zeros(type, n, CLASSES);
    for (int i = 0; i < n; i++) {
      y.putScalar(i, (i * 7 + 1) % CLASSES, 1.0);
    }
    return y;
  }

  static SearchableBlock block(ComputationGraph net) {
    return (SearchableBlock) net.getLayer(BLOCK);
  }

  /**
   * Sets the thresholds so that the hard indicators are (keep, e6, k5, se), each norm {@code margin}
   * away from its threshold (indicators without a choice are left alone). Kernel first, then
   * expansion and keep (their norms depend on k5), then SE (its norm depends on e6).
   */
  static void pin(ComputationGraph net, boolean keep, boolean e6, boolean k5, boolean se, double margin) {
    pin(net, BLOCK, keep, e6, k5, se, margin);
  }

  static void pin(ComputationGraph net, String name, boolean keep, boolean e6, boolean k5, boolean se, double margin) {
    String key = name + "_t";
    SearchableBlock block = (SearchableBlock) net.getLayer(name);
    double[] t = net.getParam(key).dup().toDoubleVector();
    boolean[] want = {keep, e6, k5, se};
    int[][] order = {{Superkernel.K5}, {Superkernel.KEEP, Superkernel.E6}, {Superkernel.SE}};
    for (int[] step : order) {
      double[] n = block.state().norms().toArray();
      for (int i : step) {
        t[i] = want[i] ? n[i] - margin : n[i] + margin;
      }
      net.setParam(key, Nd4j.create(t, new long[] {1, 4}, 'c').castTo(net.getParam(key).dataType()));
    }
  }

  /** Random values for the BN parameters and statistics and the SE biases, so inference is not trivial. */
  static void randomize(ComputationGraph net, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (String key : new String[] {"gamma", "pgamma"}) {
      fill(net, key, () -> r.nextDouble(0.5, 1.5));
    }
    for (String key : new String[] {"beta", "pbeta", "mean", "pmean", "seb1", "seb2"}) {
      fill(net, key, () -> r.nextDouble(-0.5, 0.5));
    }
    for (String key : new String[] {"var", "pvar"}) {
      fill(net, key, () -> r.nextDouble(0.5, 2.0));
    }
  }

  private static void fill(ComputationGraph net, String key, java.util.function.DoubleSupplier s) {
    INDArray p = net.paramTable().get(BLOCK + "_" + key);
    if (p == null) {
      return;
    }
    double[] v = new double[(int) p.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = s.getAsDouble();
    }
    p.assign(Nd4j.create(v, p.shape(), 'c').castTo(p.dataType()));
  }
}
