package dev.slimnas.supernet.single;

import static dev.slimnas.supernet.single.SinglePathParams.BETA;
import static dev.slimnas.supernet.single.SinglePathParams.GAMMA;
import static dev.slimnas.supernet.single.SinglePathParams.MEAN;
import static dev.slimnas.supernet.single.SinglePathParams.PROJECTION;
import static dev.slimnas.supernet.single.SinglePathParams.P_BETA;
import static dev.slimnas.supernet.single.SinglePathParams.P_GAMMA;
import static dev.slimnas.supernet.single.SinglePathParams.P_MEAN;
import static dev.slimnas.supernet.single.SinglePathParams.P_VAR;
import static dev.slimnas.supernet.single.SinglePathParams.Q_BETA;
import static dev.slimnas.supernet.single.SinglePathParams.Q_GAMMA;
import static dev.slimnas.supernet.single.SinglePathParams.Q_MEAN;
import static dev.slimnas.supernet.single.SinglePathParams.Q_VAR;
import static dev.slimnas.supernet.single.SinglePathParams.Q_WEIGHT;
import static dev.slimnas.supernet.single.SinglePathParams.SE_EXPAND;
import static dev.slimnas.supernet.single.SinglePathParams.SE_EXPAND_BIAS;
import static dev.slimnas.supernet.single.SinglePathParams.SE_REDUCE;
import static dev.slimnas.supernet.single.SinglePathParams.SE_REDUCE_BIAS;
import static dev.slimnas.supernet.single.SinglePathParams.THRESHOLDS;
import static dev.slimnas.supernet.single.SinglePathParams.VAR;
import static dev.slimnas.supernet.single.SinglePathParams.WEIGHT;
import static dev.slimnas.supernet.single.Superkernel.E6;
import static dev.slimnas.supernet.single.Superkernel.KEEP;
import static dev.slimnas.supernet.single.Superkernel.SE;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass of {@link SinglePathLayer} for one training forward pass: projection BN (Java
 * loops), 1x1 conv (ND4J native), SE, mask and BN + activation (Java loops), depthwise conv
 * ({@link dev.slimnas.supernet.kernels.DepthwiseKernelF}, Java loops), then the indicator chain of {@link Superkernel}. Every
 * gradient view of the layer is written (zeros where nothing flows).
 */
final class SinglePathBackward {
  private final SinglePathLayer layer;
  private final SinglePathBlock c;
  private final ForwardPass f;
  private final LayerWorkspaceMgr workspaceMgr;
  private final DataType type;

  SinglePathBackward(SinglePathLayer layer, ForwardPass f, LayerWorkspaceMgr workspaceMgr) {
    this.layer = layer;
    this.c = layer.config();
    this.f = f;
    this.workspaceMgr = workspaceMgr;
    this.type = layer.networkDataType();
  }

  @SuppressWarnings("unchecked")
  private static <A> A cast(Object o) {
    return (A) o;
  }

  <A> Pair<Gradient, INDArray> run(Maps<A> m, INDArray epsilon) {
    INDArray in = NdOps.contiguous(layer.in(), type);
    int pin = c.getProjectionIn();
    INDArray x = pin > 0 ? ProjectionBranch.channels(in, 0, c.getNIn()) : in;
    int ch = (int) c.getNIn();
    int out = (int) c.getNOut();
    int spatial = f.spatial();
    int batch = (int) x.size(0);
    Superkernel sk = f.sk;
    double keep = sk.value[KEEP];
    double[] grad = layer.takeIndicatorGradient(batch);
    double[] kernelGrad = new double[sk.kernel.length];
    double[] w1Grad = f.w1 == null ? null : new double[f.w1.length];
    double[] gamma1 = NdOps.values(layer.param(GAMMA));
    double[] dGamma1 = new double[ch];
    double[] dBeta1 = new double[ch];
    double[] dGamma2 = new double[out];
    double[] dBeta2 = new double[out];
    boolean hidden = f.computed && keep != 0;
    INDArray dx = hidden ? workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, type, x.shape(), 'c')
        : workspaceMgr.create(ArrayType.ACTIVATION_GRAD, type, x.shape(), 'c');
    if (f.computed) {
      A e = m.work(2, batch * out * spatial);
      m.read(NdOps.contiguous(epsilon, type), e);
      Maps.Ops<A> k2 = m.kernel(batch, out, spatial, c.getAct());
      double[] g2 = NdOps.values(layer.param(P_GAMMA));
      double[] b2 = NdOps.values(layer.param(P_BETA));
      double[] coef = new double[out];
      for (int i = 0; i < out; i++) {
        coef[i] = keep * g2[i];
      }
      double[] sumE = new double[out];
      double[] sumEx = new double[out];
      A dP = hidden ? m.work(3, batch * out * spatial) : null;
      k2.linearBackward(cast(layer.p()), e, f.mean2, f.invStd2, coef, dP, sumE, sumEx);
      for (int i = 0; i < out; i++) {
        grad[KEEP] += g2[i] * sumEx[i] + b2[i] * sumE[i];
        dGamma2[i] = keep * sumEx[i];
        dBeta2[i] = keep * sumE[i];
      }
      if (hidden) {
        hiddenBackward(m, x, dP, kernelGrad, w1Grad, gamma1, dGamma1, dBeta1, grad, dx);
      }
    }
    ProjectionBranch.Grad pg = null;
    if (f.proj != null) {
      pg = f.proj.backward(NdOps.values(epsilon), keep, NdOps.values(layer.param(Q_GAMMA)), NdOps.values(layer.param(Q_BETA)),
          layer.param(Q_WEIGHT));
      grad[KEEP] += pg.keep;
      NdOps.assign(layer.gradientView(Q_WEIGHT), pg.weight);
      NdOps.assign(layer.gradientView(Q_GAMMA), pg.gamma);
      NdOps.assign(layer.gradientView(Q_BETA), pg.beta);
      double[] gm = new double[out];
      double[] gv = new double[out];
      f.proj.runningGradients(c.getDecay(), c.getEps(), NdOps.values(layer.param(Q_MEAN)), NdOps.values(layer.param(Q_VAR)),
          gm, gv);
      NdOps.assign(layer.gradientView(Q_MEAN), gm);
      NdOps.assign(layer.gradientView(Q_VAR), gv);
    } else if (pin > 0) {
      for (String key : List.of(Q_WEIGHT, Q_GAMMA, Q_BETA, Q_MEAN, Q_VAR)) {
        layer.gradientView(key).assign(0);
      }
    }
    double[] wGrad = new double[f.w.length];
    double[] tGrad = new double[4];
    sk.backward(grad, kernelGrad, f.w, f.w1, wGrad, tGrad, w1Grad);
    NdOps.assign(layer.gradientView(WEIGHT), wGrad);
    NdOps.assign(layer.gradientView(THRESHOLDS), tGrad);
    NdOps.assign(layer.gradientView(GAMMA), dGamma1);
    NdOps.assign(layer.gradientView(BETA), dBeta1);
    NdOps.assign(layer.gradientView(P_GAMMA), dGamma2);
    NdOps.assign(layer.gradientView(P_BETA), dBeta2);
    if (f.w1 != null) {
      NdOps.assign(layer.gradientView(SE_REDUCE), w1Grad);
    }
    if (!hidden) {
      layer.gradientView(PROJECTION).assign(0);
      if (f.w1 != null) {
        for (String key : List.of(SE_REDUCE_BIAS, SE_EXPAND, SE_EXPAND_BIAS)) {
          layer.gradientView(key).assign(0);
        }
      }
    }
    runningStatistics(ch, out, keep, hidden);
    List<String> keys = new ArrayList<>(SinglePathParams.getInstance().paramKeys(c));
    if (pin > 0) {
      INDArray full = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, type, in.shape(), 'c');
      full.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, ch),
          org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(dx);
      if (pg != null && pg.dxs != null) {
        ProjectionBranch.scatter(full, ch, pg.dxs, c.getStride());
      }
      dx = full;
    }
    return new Pair<>(layer.gradient(keys), dx);
  }

  /** Everything below the projection: 1x1 conv, SE and mask, BN + activation, depthwise conv. */
  private <A> void hiddenBackward(Maps<A> m, INDArray x, A dP, double[] kernelGrad, double[] w1Grad,
      double[] gamma1, double[] dGamma1, double[] dBeta1, double[] grad, INDArray dx) {
    int ch = f.channels;
    int out = (int) c.getNOut();
    int batch = f.batch;
    int spatial = f.spatial();
    A y = cast(layer.y1());
    Maps.Ops<A> k = m.kernel(batch, ch, spatial, c.getAct());
    INDArray dPArr = NdScratch.get(NdScratch.DP, type, batch, out, f.height, f.width);
    m.write(dP, dPArr);
    INDArray zArr = f.scaledActivation(m, k, y, type);
    INDArray dZArr = NdScratch.get(NdScratch.DZ, type, batch, ch, f.height, f.width);
    dZArr.assign(0);
    NdOps.pointwiseBackward(zArr, layer.param(PROJECTION), dPArr, dZArr, layer.gradientView(PROJECTION));
    A dz = m.work(1, batch * ch * spatial);
    m.read(dZArr, dz);
    double[] dot = new double[batch * ch];
    double[] ca = new double[batch * ch];
    double[] cb = new double[batch * ch];
    double[] maskGrad = new double[ch];
    double[] beta1 = NdOps.values(layer.param(BETA));
    A dy = m.work(0, batch * ch * spatial);
    if (f.se != null) {
      k.activatedDot(y, f.a1, f.b1, dz, dot);
      double[] dGate = new double[batch * ch];
      for (int i = 0; i < dGate.length; i++) {
        dGate[i] = f.sk.channelMask(i % ch) * dot[i];
      }
      double[] dPooled = new double[batch * ch];
      double[] db1 = new double[c.getSeChannels()];
      double[] dw2 = new double[c.getSeChannels() * ch];
      double[] db2 = new double[ch];
      grad[SE] += f.se.backward(dGate, f.w1, NdOps.values(layer.param(SE_EXPAND)), f.sk.value[SE], w1Grad, db1, dw2, db2,
          dPooled);
      NdOps.assign(layer.gradientView(SE_REDUCE_BIAS), db1);
      NdOps.assign(layer.gradientView(SE_EXPAND), dw2);
      NdOps.assign(layer.gradientView(SE_EXPAND_BIAS), db2);
      for (int i = 0; i < ca.length; i++) {
        double mask = f.sk.channelMask(i % ch);
        double gate = f.se.gate[i];
        ca[i] = mask * gate;
        cb[i] = mask * dPooled[i] / spatial;
        maskGrad[i % ch] += gate * dot[i] + dPooled[i] * f.poolA[i];
      }
      k.activatedBackward(y, dz, gamma1, beta1, f.mean1, f.invStd1, ca, cb, dy, dGamma1, dBeta1, null);
    } else {
      for (int i = 0; i < ca.length; i++) {
        ca[i] = f.sk.channelMask(i % ch);
      }
      k.activatedBackward(y, dz, gamma1, beta1, f.mean1, f.invStd1, ca, cb, dy, dGamma1, dBeta1, dot);
      for (int i = 0; i < dot.length; i++) {
        maskGrad[i % ch] += dot[i];
      }
    }
    for (int i = ch / 2; i < ch; i++) {
      grad[E6] += maskGrad[i];
    }
    int h = (int) x.size(2);
    int w = (int) x.size(3);
    A xs = m.work(1, batch * ch * h * w);
    m.read(x, xs);
    A dxs = m.work(2, batch * ch * h * w);
    m.depthwiseBackward(batch, ch, h, w, Superkernel.KERNEL, c.getStride(), NdOps.samePadding(x, Superkernel.KERNEL,
        c.getStride()), xs, f.sk.kernel, dy, dxs, kernelGrad);
    m.write(dxs, dx);
  }

  /** The running statistics' "gradients": (1 - decay)(running - batch) on the active path, else 0. */
  private void runningStatistics(int ch, int out, double keep, boolean hidden) {
    double[] g1Mean = new double[ch];
    double[] g1Var = new double[ch];
    double[] g2Mean = new double[out];
    double[] g2Var = new double[out];
    if (hidden && f.computed) {
      long count = (long) f.batch * f.spatial();
      double unbias = count > 1 ? (double) count / (count - 1) : 1.0;
      double d = 1 - c.getDecay();
      double eps = c.getEps();
      double[] rm = NdOps.values(layer.param(MEAN));
      double[] rv = NdOps.values(layer.param(VAR));
      for (int i = 0; i < ch; i++) {
        if (f.sk.channelMask(i) != 0) {
          double var = (1 / (f.invStd1[i] * f.invStd1[i]) - eps) * unbias;
          g1Mean[i] = d * (rm[i] - f.mean1[i]);
          g1Var[i] = d * (rv[i] - var);
        }
      }
      double[] pm = NdOps.values(layer.param(P_MEAN));
      double[] pv = NdOps.values(layer.param(P_VAR));
      for (int i = 0; i < out; i++) {
        double var = (1 / (f.invStd2[i] * f.invStd2[i]) - eps) * unbias;
        g2Mean[i] = d * (pm[i] - f.mean2[i]);
        g2Var[i] = d * (pv[i] - var);
      }
    }
    NdOps.assign(layer.gradientView(MEAN), g1Mean);
    NdOps.assign(layer.gradientView(VAR), g1Var);
    NdOps.assign(layer.gradientView(P_MEAN), g2Mean);
    NdOps.assign(layer.gradientView(P_VAR), g2Var);
  }
}
