package dev.slimnas.supernet.layers;

import dev.slimnas.supernet.kernels.DepthwiseBackward;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer;
import org.deeplearning4j.nn.params.DepthwiseConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The running form of {@link DepthwiseConv}. DL4J's backward pass recomputes the whole forward
 * convolution only to apply the activation's derivative; with the identity activation (how the
 * networks use it: BN and the activation follow in {@link BnAct}) that is wasted, so this layer calls
 * the backward pass directly on the incoming gradient: the Java kernel of {@link DepthwiseBackward} where
 * it is faster (5x5 and larger at stride 1), else ND4J's {@code depthwise_conv2d_bp}. Anything else
 * falls back to DL4J's code.
 */
final class DepthwiseConvLayer extends DepthwiseConvolution2DLayer {

  DepthwiseConvLayer(NeuralNetConfiguration conf, org.nd4j.linalg.api.buffer.DataType dataType) {
    super(conf, dataType);
  }

  private boolean fastPathApplies() {
    DepthwiseConv c = (DepthwiseConv) conf.getLayer();
    return !c.hasBias() && c.getActivationFn() instanceof ActivationIdentity
        && c.getCnn2dDataFormat() == CNN2DFormat.NCHW && weightNoiseParams.isEmpty() && c.getIDropout() == null;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    if (!fastPathApplies()) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    DepthwiseConv c = (DepthwiseConv) conf.getLayer();
    INDArray x = input.castTo(dataType);
    INDArray weights = getParam(DepthwiseConvolutionParamInitializer.WEIGHT_KEY);
    int[] k = c.getKernelSize();
    int[] s = c.getStride();
    int[] d = c.getDilation();
    int[] pad;
    if (c.getConvolutionMode() == ConvolutionMode.Same) {
      int[] out = ConvolutionUtils.getOutputSize(x, k, s, null, ConvolutionMode.Same, d, CNN2DFormat.NCHW);
      pad = ConvolutionUtils.getSameModeTopLeftPadding(out, new int[] {(int) x.size(2), (int) x.size(3)}, k, s, d);
    } else {
      pad = c.getPadding();
    }
    INDArray dx = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, weights.dataType(), x.shape(), 'c');
    INDArray gradView = gradientViews.get(DepthwiseConvolutionParamInitializer.WEIGHT_KEY);
    int same = c.getConvolutionMode() == ConvolutionMode.Same ? 1 : 0;
    if (same == 1 && k[0] == k[1] && s[0] == s[1] && d[0] == 1 && d[1] == 1 && DepthwiseBackward.javaPays(k[0], s[0])) {
      DepthwiseBackward.run(Scratch.contiguous(x), weights, Scratch.contiguous(epsilon.castTo(dataType)), k[0], s[0],
          pad[0], pad[1], dx, gradView);
    } else {
      Nd4j.getExecutioner().exec(DynamicCustomOp.builder("depthwise_conv2d_bp")
          .addInputs(x, weights, epsilon.castTo(dataType))
          .addIntegerArguments(k[0], k[1], s[0], s[1], pad[0], pad[1], d[0], d[1], same, 0)
          .addOutputs(dx, gradView)
          .callInplace(false)
          .build());
    }
    Gradient g = new DefaultGradient();
    g.setGradientFor(DepthwiseConvolutionParamInitializer.WEIGHT_KEY, gradView, 'c');
    return new Pair<>(g, dx);
  }
}
