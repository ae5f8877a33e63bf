package dev.slimnas.supernet.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The running form of {@link BnAct}: runs {@link BnActKernelF} on ND4J's float buffers (statistics and
 * fused normalise + activate forward; two sweeps backward that recompute the normalised input and the
 * activation mask instead of storing them), or {@link BnActKernel} on Java copies of double arrays.
 *
 * <p>Running statistics follow DL4J's BN: the "gradient" of the running mean is
 * {@code (1 - decay) * (running - batch)} and its updater is NoOp, so after the step
 * {@code running = decay * running + (1 - decay) * batch}; the running variance uses the unbiased
 * batch variance, as PyTorch does.
 */
final class BnActLayer extends BatchNormalization {
  private double[] batchMean;
  private double[] batchInvStd;

  BnActLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  private BnAct cfg() {
    return (BnAct) conf.getLayer();
  }

  private BnActKernel kernel(INDArray x) {
    if (x.rank() != 2 && x.rank() != 4) {
      throw new IllegalArgumentException(layerId() + ": BnAct needs [N, C] or [N, C, H, W] input, got rank " + x.rank());
    }
    int spatial = x.rank() == 4 ? (int) (x.size(2) * x.size(3)) : 1;
    return new BnActKernel((int) x.size(0), (int) x.size(1), spatial, cfg().getAct());
  }

  private BnActKernelF floatKernel(INDArray x) {
    kernel(x); // validates the rank
    int spatial = x.rank() == 4 ? (int) (x.size(2) * x.size(3)) : 1;
    return new BnActKernelF((int) x.size(0), (int) x.size(1), spatial, cfg().getAct());
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    if (!training) {
      return inference(workspaceMgr);
    }
    INDArray x = Scratch.contiguous(input.castTo(dataType));
    int n = (int) x.length();
    int c = (int) x.size(1);
    double[] mean = new double[c];
    double[] invStd = new double[c];
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
    if (x.dataType() == DataType.FLOAT) {
      floatKernel(x).forward(x.data().asNioFloat(), cfg().getEps(), gamma(), beta(), mean, invStd,
          out.data().asNioFloat());
    } else {
      Scratch s = Scratch.get();
      BnActKernel k = kernel(x);
      double[] xs = s.slot(0, n);
      s.read(x, xs);
      k.statistics(xs, cfg().getEps(), mean, invStd);
      double[] ys = s.slot(1, n);
      k.normalize(xs, gamma(), beta(), mean, invStd, ys);
      s.write(ys, out);
    }
    batchMean = mean;
    batchInvStd = invStd;
    return out;
  }

  /** Inference with the running statistics: ND4J's native batchnorm op and activation, in place. */
  private INDArray inference(LayerWorkspaceMgr workspaceMgr) {
    INDArray x = input.castTo(dataType);
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
    INDArray mean = getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
    INDArray var = getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
    INDArray gamma = getParam(BatchNormalizationParamInitializer.GAMMA);
    INDArray beta = getParam(BatchNormalizationParamInitializer.BETA);
    Nd4j.exec(DynamicCustomOp.builder("batchnorm")
        .addInputs(x, mean.reshape(mean.length()), var.reshape(var.length()), gamma.reshape(gamma.length()),
            beta.reshape(beta.length()))
        .addIntegerArguments(1, 1, 1)
        .addFloatingPointArguments(cfg().getEps())
        .addOutputs(out)
        .build());
    switch (cfg().getAct()) {
      case RELU:
        Transforms.relu(out, false);
        break;
      case RELU6:
        Transforms.relu6(out, false);
        break;
      default:
        break;
    }
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    if (batchMean == null) {
      throw new IllegalStateException(layerId() + ": backward pass without a training forward pass");
    }
    INDArray x = Scratch.contiguous(input.castTo(dataType));
    INDArray e = Scratch.contiguous(epsilon.castTo(dataType));
    int n = (int) x.length();
    int c = (int) x.size(1);
    double[] dGamma = new double[c];
    double[] dBeta = new double[c];
    INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
    long count;
    if (x.dataType() == DataType.FLOAT) {
      BnActKernelF k = floatKernel(x);
      k.backward(x.data().asNioFloat(), e.data().asNioFloat(), gamma(), beta(), batchMean, batchInvStd,
          dx.data().asNioFloat(), dGamma, dBeta);
      count = k.count();
    } else {
      Scratch s = Scratch.get();
      BnActKernel k = kernel(x);
      double[] xs = s.slot(0, n);
      double[] es = s.slot(1, n);
      s.read(x, xs);
      s.read(e, es);
      k.backward(xs, es, gamma(), beta(), batchMean, batchInvStd, es, dGamma, dBeta);
      s.write(es, dx);
      count = k.count();
    }
    return new Pair<>(parameterGradients(dGamma, dBeta, count), dx);
  }

  private Gradient parameterGradients(double[] dGamma, double[] dBeta, long count) {
    INDArray gGamma = gradientViews.get(BatchNormalizationParamInitializer.GAMMA);
    INDArray gBeta = gradientViews.get(BatchNormalizationParamInitializer.BETA);
    INDArray gMean = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_MEAN);
    INDArray gVar = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_VAR);
    double[] rMean = getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).toDoubleVector();
    double[] rVar = getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).toDoubleVector();
    double decay = cfg().getDecay();
    double unbias = count > 1 ? (double) count / (count - 1) : 1.0;
    for (int c = 0; c < dGamma.length; c++) {
      gGamma.putScalar(c, dGamma[c]);
      gBeta.putScalar(c, dBeta[c]);
      double batchVar = (1.0 / (batchInvStd[c] * batchInvStd[c]) - cfg().getEps()) * unbias;
      gMean.putScalar(c, (1 - decay) * (rMean[c] - batchMean[c]));
      gVar.putScalar(c, (1 - decay) * (rVar[c] - batchVar));
    }
    Gradient grad = new DefaultGradient();
    grad.setGradientFor(BatchNormalizationParamInitializer.GAMMA, gGamma);
    grad.setGradientFor(BatchNormalizationParamInitializer.BETA, gBeta);
    grad.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_MEAN, gMean);
    grad.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_VAR, gVar);
    return grad;
  }

  private double[] gamma() {
    return getParam(BatchNormalizationParamInitializer.GAMMA).toDoubleVector();
  }

  private double[] beta() {
    return getParam(BatchNormalizationParamInitializer.BETA).toDoubleVector();
  }
}
