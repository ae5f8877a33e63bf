package dev.slimnas.supernet.single;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameter layout of a {@link SinglePathBlock} (C = hidden width at expansion 6, R = SE width,
 * Cout = output width), in this order in the flattened parameter vector, each a c-order view:
 * <pre>
 *   W       [5, 5, C, 1]    superkernel (DL4J's depthwise layout)
 *   gamma, beta, mean, var  [1, C]   batch norm after the depthwise conv
 *   seW1 [C, R], seb1 [1, R], seW2 [R, C], seb2 [1, C]   squeeze-and-excitation (only with SE)
 *   pW      [Cout, C, 1, 1] projection (DL4J's ConvolutionLayer layout)
 *   pgamma, pbeta, pmean, pvar  [1, Cout]   batch norm after the projection
 *   t       [1, 4]          thresholds (keep, e6, k5, se)
 *   qW [Cout, Cin, 1, 1], qgamma, qbeta, qmean, qvar [1, Cout]   projection skip (only with one)
 * </pre>
 * Weights (regularised like weights): W, seW1, seW2, pW, t. Biases: seb1, seb2. Batch norm parameters
 * are not regularised; the running statistics (mean, var, pmean, pvar) take the NoOp updater.
 * Initialisation: the layer's weight init with fan-in 25 for the depthwise kernel (one 5x5 filter per
 * channel, as the original's {@code sqrt(2 / fan_out)} with depth multiplier 1), C for the SE reduce
 * and the projection, R for the SE expand; biases and thresholds 0; gamma 1, beta 0, mean 0, var 1.
 */
public final class SinglePathParams implements ParamInitializer {
  public static final String WEIGHT = "W";
  public static final String GAMMA = "gamma";
  public static final String BETA = "beta";
  public static final String MEAN = "mean";
  public static final String VAR = "var";
  public static final String SE_REDUCE = "seW1";
  public static final String SE_REDUCE_BIAS = "seb1";
  public static final String SE_EXPAND = "seW2";
  public static final String SE_EXPAND_BIAS = "seb2";
  public static final String PROJECTION = "pW";
  public static final String P_GAMMA = "pgamma";
  public static final String P_BETA = "pbeta";
  public static final String P_MEAN = "pmean";
  public static final String P_VAR = "pvar";
  public static final String THRESHOLDS = "t";
  public static final String Q_WEIGHT = "qW";
  public static final String Q_GAMMA = "qgamma";
  public static final String Q_BETA = "qbeta";
  public static final String Q_MEAN = "qmean";
  public static final String Q_VAR = "qvar";

  private static final SinglePathParams INSTANCE = new SinglePathParams();
  private static final Set<String> STATISTICS = Set.of(MEAN, VAR, P_MEAN, P_VAR, Q_MEAN, Q_VAR);
  private static final Set<String> WEIGHTS = Set.of(WEIGHT, SE_REDUCE, SE_EXPAND, PROJECTION, THRESHOLDS, Q_WEIGHT);
  private static final Set<String> BIASES = Set.of(SE_REDUCE_BIAS, SE_EXPAND_BIAS);

  public static SinglePathParams getInstance() {
    return INSTANCE;
  }

  /** True for the batch-norm running statistics (NoOp updater, moving-average "gradients"). */
  public static boolean isStatistic(String key) {
    return STATISTICS.contains(key);
  }

  /** Shapes of the parameters, in layout order. */
  static Map<String, long[]> shapes(SinglePathBlock b) {
    long c = b.getNIn();
    long out = b.getNOut();
    long r = b.getSeChannels();
    Map<String, long[]> m = new LinkedHashMap<>();
    m.put(WEIGHT, new long[] {Superkernel.KERNEL, Superkernel.KERNEL, c, 1});
    for (String k : List.of(GAMMA, BETA, MEAN, VAR)) {
      m.put(k, new long[] {1, c});
    }
    if (r > 0) {
      m.put(SE_REDUCE, new long[] {c, r});
      m.put(SE_REDUCE_BIAS, new long[] {1, r});
      m.put(SE_EXPAND, new long[] {r, c});
      m.put(SE_EXPAND_BIAS, new long[] {1, c});
    }
    m.put(PROJECTION, new long[] {out, c, 1, 1});
    for (String k : List.of(P_GAMMA, P_BETA, P_MEAN, P_VAR)) {
      m.put(k, new long[] {1, out});
    }
    m.put(THRESHOLDS, new long[] {1, 4});
    if (b.getProjectionIn() > 0) {
      m.put(Q_WEIGHT, new long[] {out, b.getProjectionIn(), 1, 1});
      for (String k : List.of(Q_GAMMA, Q_BETA, Q_MEAN, Q_VAR)) {
        m.put(k, new long[] {1, out});
      }
    }
    return m;
  }

  private static long length(long[] shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return n;
  }

  @Override
  public long numParams(NeuralNetConfiguration conf) {
    return numParams(conf.getLayer());
  }

  @Override
  public long numParams(Layer layer) {
    return shapes((SinglePathBlock) layer).values().stream().mapToLong(SinglePathParams::length).sum();
  }

  @Override
  public List<String> paramKeys(Layer layer) {
    return new ArrayList<>(shapes((SinglePathBlock) layer).keySet());
  }

  @Override
  public List<String> weightKeys(Layer layer) {
    List<String> out = new ArrayList<>(paramKeys(layer));
    out.retainAll(WEIGHTS);
    return out;
  }

  @Override
  public List<String> biasKeys(Layer layer) {
    List<String> out = new ArrayList<>(paramKeys(layer));
    out.retainAll(BIASES);
    return out;
  }

  @Override
  public boolean isWeightParam(Layer layer, String key) {
    return WEIGHTS.contains(key);
  }

  @Override
  public boolean isBiasParam(Layer layer, String key) {
    return BIASES.contains(key);
  }

  @Override
  public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
    SinglePathBlock b = (SinglePathBlock) conf.getLayer();
    Map<String, INDArray> views = views(b, paramsView);
    for (String key : views.keySet()) {
      conf.addVariable(key);
    }
    if (initializeParams) {
      initialize(b, views);
    }
    return Collections.synchronizedMap(views);
  }

  @Override
  public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
    return views((SinglePathBlock) conf.getLayer(), gradientView);
  }

  private static Map<String, INDArray> views(SinglePathBlock b, INDArray flat) {
    INDArray v = flat.reshape(flat.length());
    Map<String, INDArray> out = new LinkedHashMap<>();
    long offset = 0;
    for (Map.Entry<String, long[]> e : shapes(b).entrySet()) {
      long n = length(e.getValue());
      out.put(e.getKey(), v.get(NDArrayIndex.interval(offset, offset + n)).reshape('c', e.getValue()));
      offset += n;
    }
    if (offset != flat.length()) {
      throw new IllegalStateException("parameter view of " + flat.length() + " values, layout needs " + offset);
    }
    return out;
  }

  private static void initialize(SinglePathBlock b, Map<String, INDArray> p) {
    long c = b.getNIn();
    long out = b.getNOut();
    long r = b.getSeChannels();
    int taps = Superkernel.KERNEL * Superkernel.KERNEL;
    double stride2 = (double) b.getStride() * b.getStride();
    INDArray w = p.get(WEIGHT);
    b.getWeightInitFn().init(taps, taps / stride2, w.shape(), 'c', w);
    p.get(GAMMA).assign(1);
    p.get(BETA).assign(0);
    p.get(MEAN).assign(0);
    p.get(VAR).assign(1);
    if (r > 0) {
      INDArray w1 = p.get(SE_REDUCE);
      b.getWeightInitFn().init(c, r, w1.shape(), 'c', w1);
      INDArray w2 = p.get(SE_EXPAND);
      b.getWeightInitFn().init(r, c, w2.shape(), 'c', w2);
      p.get(SE_REDUCE_BIAS).assign(0);
      p.get(SE_EXPAND_BIAS).assign(0);
    }
    INDArray pw = p.get(PROJECTION);
    b.getWeightInitFn().init(c, out, pw.shape(), 'c', pw);
    p.get(P_GAMMA).assign(1);
    p.get(P_BETA).assign(0);
    p.get(P_MEAN).assign(0);
    p.get(P_VAR).assign(1);
    p.get(THRESHOLDS).assign(0);
    if (b.getProjectionIn() > 0) {
      INDArray qw = p.get(Q_WEIGHT);
      b.getWeightInitFn().init(b.getProjectionIn(), out, qw.shape(), 'c', qw);
      p.get(Q_GAMMA).assign(1);
      p.get(Q_BETA).assign(0);
      p.get(Q_MEAN).assign(0);
      p.get(Q_VAR).assign(1);
    }
  }
}
