package dev.slimnas.supernet.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The running form of {@link Conv}. Like the depthwise layer, DL4J's convolution recomputes its whole
 * forward pass during backpropagation only to apply the activation's derivative; with the identity
 * activation this layer calls ND4J's {@code conv2d_bp} (oneDNN) directly on the incoming gradient.
 * Anything else (bias, another activation, NHWC, dropout, weight noise) falls back to DL4J's code.
 */
final class ConvLayer extends ConvolutionLayer {

  ConvLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  private boolean fastPathApplies() {
    Conv c = (Conv) conf.getLayer();
    return !c.hasBias() && c.getActivationFn() instanceof ActivationIdentity
        && c.getCnn2dDataFormat() == CNN2DFormat.NCHW && weightNoiseParams.isEmpty() && c.getIDropout() == null;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    if (!fastPathApplies()) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    Conv c = (Conv) conf.getLayer();
    INDArray x = input.castTo(dataType);
    INDArray e = epsilon.castTo(dataType);
    INDArray weights = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
    int[] k = c.getKernelSize();
    int[] s = c.getStride();
    int[] d = c.getDilation();
    int[] pad = c.getConvolutionMode() == ConvolutionMode.Same
        ? ConvolutionUtils.getSameModeTopLeftPadding(new int[] {(int) e.size(2), (int) e.size(3)},
            new int[] {(int) x.size(2), (int) x.size(3)}, k, s, d)
        : c.getPadding();
    INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
    INDArray gradView = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
    Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
        .addInputs(x, weights, e)
        .addIntegerArguments(k[0], k[1], s[0], s[1], pad[0], pad[1], d[0], d[1],
            c.getConvolutionMode() == ConvolutionMode.Same ? 1 : 0, 0, 1) // NCHW, weights [oC, iC, kH, kW]
        .addOutputs(dx, gradView)
        .build());
    Gradient g = new DefaultGradient();
    g.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, gradView, 'c');
    return new Pair<>(g, dx);
  }
}
