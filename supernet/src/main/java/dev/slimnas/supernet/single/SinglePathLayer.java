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

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.supernet.data.Seeds;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The running form of {@link SinglePathBlock}. Forward, for the expanded map X [N, C, H, W]:
 * <pre>
 *   Y  = depthwise_conv(X, W_k)                 (ND4J native, "same" padding, stride s)
 *   A  = act(BN(Y))                             (batch statistics in training, running ones at inference)
 *   Z  = m_c A,   m_c = 1 (c &lt; C/2), v_e6 (c &gt;= C/2)
 *   Zs = Z * g[n, c],  g = 1 + v_se (sigmoid(SE(mean_hw Z)) - 1)   (g = 1 without SE)
 *   out = v_keep * BN_p(conv1x1(Zs, pW))        (ND4J native conv2d)
 * </pre>
 * with the indicator values of {@link Superkernel}. With hard indicators the output equals the plain
 * block of the selected op (k3 = centre 3x3, e3 = first half of the channels) and skip gives exactly 0.
 * The expansion and keep indicators act as masks AFTER batch norm (not on the depthwise weights as in
 * the original): the forward values are the same, but batch norm cancels any scale of a channel's
 * weights, so there the loss gradient of d_e6 / d_keep is zero while on and a 1/sqrt(eps)-amplified
 * artefact while off; as masks their gradient is the first-order effect of adding/removing the channels
 * (the block). Inactive parts are still computed in training (the superkernel costs the full k5e6
 * block), except a block whose keep indicator was dropped by indicator dropout, and at inference.
 *
 * <p>With a projection skip ({@link SinglePathBlock#getProjectionIn()} > 0) the input is [X, x] along
 * channels (expanded map, block input) and {@code out = v_keep * BN_p(...) + (1 - v_keep) * proj(x)}
 * ({@link ProjectionBranch}); proj is computed in every training pass (its BN statistics and the keep
 * indicator's gradient need it) and at inference only when the block is dropped.
 *
 * <p>Batch norm running statistics follow {@code BnActLayer}: NoOp updater and "gradient"
 * {@code (1 - decay) (running - batch)} (unbiased batch variance), and only for the active path: the
 * depthwise BN's channels with a nonzero mask, the projection BN only when the block is kept.
 */
final class SinglePathLayer extends BaseLayer<SinglePathBlock> implements SearchableBlock {
  private final Maps<?> maps;
  private final IndicatorDropout dropout;
  private final double[] pendingIndicatorGradient = new double[4];
  private ForwardPass pass;
  private Object y1;
  private Object p;

  SinglePathLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
    this.maps = Maps.of(dataType);
    this.dropout = new IndicatorDropout(Seeds.derive(conf.getSeed(), "indicator-dropout:" + conf.getLayer().getLayerName()));
  }

  private SinglePathBlock cfg() {
    return (SinglePathBlock) conf.getLayer();
  }

  @Override
  public Type type() {
    return Type.CONVOLUTIONAL;
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }

  @Override
  public boolean updaterDivideByMinibatch(String paramName) {
    return !SinglePathParams.isStatistic(paramName);
  }

  // ---------------------------------------------------------------- SearchableBlock

  @Override
  public String name() {
    return conf.getLayer().getLayerName();
  }

  @Override
  public BlockIndicators indicators() {
    return state().hard();
  }

  @Override
  public IndicatorState state() {
    SinglePathBlock c = cfg();
    double[] t = NdOps.values(getParam(THRESHOLDS));
    Superkernel s = Superkernel.evaluate(NdOps.values(getParam(WEIGHT)), (int) c.getNIn(),
        c.getSeChannels() > 0 ? NdOps.values(getParam(SE_REDUCE)) : null, c.getSeChannels(),
        t, c.isSkippable(), c.isTied(), IndicatorDropout.none(), Relaxation.HARD, c.getTemperature());
    BlockIndicators hard = new BlockIndicators(s.value[KEEP], s.value[E6], s.value[Superkernel.K5], s.value[SE]);
    if (c.isTied()) {
      t[Superkernel.K5] = t[E6]; // one decision: its norm and threshold in both slots
    }
    return new IndicatorState(hard, IndicatorVector.of(s.norm), IndicatorVector.of(t), c.isSkippable(), c.getSeChannels() > 0,
        c.isTied());
  }

  @Override
  public void addIndicatorGradient(double[] dLdIndicator) {
    if (dLdIndicator.length != 4) {
      throw new IllegalArgumentException(layerId() + ": need 4 indicator gradients (keep, e6, k5, se), got "
          + dLdIndicator.length);
    }
    for (int i = 0; i < 4; i++) {
      pendingIndicatorGradient[i] += dLdIndicator[i];
    }
  }

  @Override
  public void setIndicatorDropout(double rate) {
    cfg().setIndicatorDropout(rate);
  }

  @Override
  public void reseedIndicatorDropout(long seed) {
    dropout.reseed(seed);
  }

  // ---------------------------------------------------------------- forward

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    return forward(maps, training, workspaceMgr);
  }

  private <A> INDArray forward(Maps<A> m, boolean training, LayerWorkspaceMgr workspaceMgr) {
    SinglePathBlock c = cfg();
    INDArray in = NdOps.contiguous(input, dataType);
    int pin = c.getProjectionIn();
    if (in.rank() != 4 || in.size(1) != c.getNIn() + pin) {
      throw new IllegalArgumentException(layerId() + ": needs [N, " + (c.getNIn() + pin) + ", H, W] input, got "
          + java.util.Arrays.toString(in.shape()));
    }
    INDArray x = pin > 0 ? ProjectionBranch.channels(in, 0, c.getNIn()) : in;
    ForwardPass f = new ForwardPass();
    f.batch = (int) x.size(0);
    int ch = (int) c.getNIn();
    f.channels = ch;
    int out = (int) c.getNOut();
    int s = c.getStride();
    f.height = (int) ((x.size(2) + s - 1) / s);
    f.width = (int) ((x.size(3) + s - 1) / s);
    int spatial = f.height * f.width;
    boolean[] kept = training ? dropout.next(c.getIndicatorDropout()) : IndicatorDropout.none();
    f.w = NdOps.values(getParam(WEIGHT));
    f.w1 = c.getSeChannels() > 0 ? NdOps.values(getParam(SE_REDUCE)) : null;
    f.sk = Superkernel.evaluate(f.w, ch, f.w1, c.getSeChannels(), NdOps.values(getParam(THRESHOLDS)), c.isSkippable(),
        c.isTied(), kept, training ? c.getRelaxation() : Relaxation.HARD, c.getTemperature());
    double keep = f.sk.value[KEEP];
    INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
        new long[] {f.batch, out, f.height, f.width}, 'c');
    pass = training ? f : null;
    if (pin > 0 && (training || keep != 1)) {
      f.proj = ProjectionBranch.forward(ProjectionBranch.channels(in, c.getNIn(), c.getNIn() + pin), s, getParam(Q_WEIGHT),
          NdOps.values(getParam(Q_GAMMA)), NdOps.values(getParam(Q_BETA)), getParam(Q_MEAN), getParam(Q_VAR), training,
          c.getEps(), dataType);
    }
    if (keep == 0 && (!training || !kept[KEEP])) {
      result.assign(0);
      if (f.proj != null) {
        f.proj.addTo(result, 1);
      }
      return result;
    }
    f.computed = true;
    f.kernel = NdOps.detached(dataType, Superkernel.KERNEL, Superkernel.KERNEL, ch, 1);
    NdOps.assign(f.kernel, f.sk.kernel);
    INDArray yArr = NdScratch.get(NdScratch.Y1, dataType, f.batch, ch, f.height, f.width);
    NdOps.depthwise(x, f.kernel, s, yArr);
    A y = m.grow(cast(y1), f.batch * ch * spatial);
    y1 = y;
    m.read(yArr, y);
    Maps.Ops<A> k = m.kernel(f.batch, ch, spatial, c.getAct());
    double[] gamma = NdOps.values(getParam(GAMMA));
    double[] beta = NdOps.values(getParam(BETA));
    f.mean1 = new double[ch];
    f.invStd1 = new double[ch];
    statistics(k, y, training, getParam(MEAN), getParam(VAR), f.mean1, f.invStd1);
    f.a1 = new double[ch];
    f.b1 = new double[ch];
    for (int i = 0; i < ch; i++) {
      f.a1[i] = gamma[i] * f.invStd1[i];
      f.b1[i] = beta[i] - f.mean1[i] * f.a1[i];
    }
    f.scale = new double[f.batch * ch];
    if (c.getSeChannels() > 0) {
      f.poolA = new double[f.batch * ch];
      k.poolActivated(y, f.a1, f.b1, f.poolA);
      double[] pooled = new double[f.batch * ch];
      for (int i = 0; i < pooled.length; i++) {
        pooled[i] = f.sk.channelMask(i % ch) * f.poolA[i];
      }
      f.se = SqueezeExcite.forward(pooled, f.batch, ch, c.getSeChannels(), f.w1, NdOps.values(getParam(SE_REDUCE_BIAS)),
          NdOps.values(getParam(SE_EXPAND)), NdOps.values(getParam(SE_EXPAND_BIAS)), f.sk.value[SE]);
      for (int i = 0; i < f.scale.length; i++) {
        f.scale[i] = f.sk.channelMask(i % ch) * f.se.gate[i];
      }
    } else {
      for (int i = 0; i < f.scale.length; i++) {
        f.scale[i] = f.sk.channelMask(i % ch);
      }
    }
    INDArray zArr = f.scaledActivation(m, k, y, dataType);
    INDArray pArr = NdScratch.get(NdScratch.P, dataType, f.batch, out, f.height, f.width);
    NdOps.pointwise(zArr, getParam(PROJECTION), pArr);
    A pv = m.grow(cast(p), f.batch * out * spatial);
    p = pv;
    m.read(pArr, pv);
    Maps.Ops<A> k2 = m.kernel(f.batch, out, spatial, c.getAct());
    f.mean2 = new double[out];
    f.invStd2 = new double[out];
    statistics(k2, pv, training, getParam(P_MEAN), getParam(P_VAR), f.mean2, f.invStd2);
    double[] g2 = NdOps.values(getParam(P_GAMMA));
    double[] b2 = NdOps.values(getParam(P_BETA));
    double[] a = new double[out];
    double[] b = new double[out];
    for (int i = 0; i < out; i++) {
      a[i] = g2[i] * f.invStd2[i];
      b[i] = b2[i] - f.mean2[i] * a[i];
    }
    A o = m.work(0, f.batch * out * spatial);
    k2.affine(pv, a, b, keep, o);
    m.write(o, result);
    if (f.proj != null && keep != 1) {
      f.proj.addTo(result, 1 - keep);
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static <A> A cast(Object o) {
    return (A) o;
  }

  private <A> void statistics(Maps.Ops<A> k, A x, boolean training, INDArray runMean, INDArray runVar, double[] mean,
      double[] invStd) {
    if (training) {
      k.statistics(x, cfg().getEps(), mean, invStd);
      return;
    }
    double[] rm = NdOps.values(runMean);
    double[] rv = NdOps.values(runVar);
    for (int i = 0; i < mean.length; i++) {
      mean[i] = rm[i];
      invStd[i] = 1 / Math.sqrt(rv[i] + cfg().getEps());
    }
  }

  // ---------------------------------------------------------------- backward

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    if (pass == null) {
      throw new IllegalStateException(layerId() + ": backward pass without a training forward pass");
    }
    return new SinglePathBackward(this, pass, workspaceMgr).run(maps, epsilon);
  }

  // accessors for SinglePathBackward (same package, keeps this class short)
  SinglePathBlock config() {
    return cfg();
  }

  DataType networkDataType() {
    return dataType;
  }

  INDArray in() {
    return input;
  }

  INDArray param(String key) {
    return getParam(key);
  }

  INDArray gradientView(String key) {
    return gradientViews.get(key);
  }

  Object y1() {
    return y1;
  }

  Object p() {
    return p;
  }

  /** The pending extra indicator gradient, scaled to DL4J's summed-loss convention; clears it. */
  double[] takeIndicatorGradient(int batch) {
    double scale = conf.isMiniBatch() ? batch : 1;
    double[] g = new double[4];
    for (int i = 0; i < 4; i++) {
      g[i] = scale * pendingIndicatorGradient[i];
      pendingIndicatorGradient[i] = 0;
    }
    return g;
  }

  Gradient gradient(java.util.List<String> keys) {
    Gradient g = new DefaultGradient();
    for (String key : keys) {
      g.setGradientFor(key, gradientViews.get(key));
    }
    return g;
  }
}
