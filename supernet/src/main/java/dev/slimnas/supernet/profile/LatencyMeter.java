package dev.slimnas.supernet.profile;

import dev.slimnas.latency.profile.Measurement;
import dev.slimnas.latency.profile.SampleStats;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times inference calls of a DL4J graph: warm-up, then rounds of timed {@code output()} calls (one
 * call = one batch, timed by the settings' {@link Clock}), outliers dropped by Tukey's fences, median and interquartile range; a round whose
 * spread is above the limit is repeated and the steadiest round is kept.
 */
public final class LatencyMeter {
  private final MeterSettings settings;
  private volatile float sink;

  public LatencyMeter(MeterSettings settings) {
    settings.clock().check();
    this.settings = settings;
  }

  public MeterSettings settings() {
    return settings;
  }

  /** A random NCHW input of the given shape (values from the settings' seed; no global RNG is touched). */
  public INDArray input(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] data = new float[Math.toIntExact(n)];
    SplittableRandom r = new SplittableRandom(settings.seed());
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) r.nextGaussian();
    }
    return Nd4j.create(data, shape);
  }

  /** Measures {@code net} on {@code input}. */
  public Measurement measure(ComputationGraph net, INDArray input) {
    return measure(() -> call(net, input));
  }

  /**
   * Measures any inference call (e.g. an ONNX Runtime session's {@code run}) with the same warm-up, rounds,
   * clock and statistics; {@code call} must do one whole inference and keep its result alive until it returns.
   */
  public Measurement measure(Runnable call) {
    long start = System.nanoTime();
    int calls = 0;
    while (calls < settings.warmupCalls() || (System.nanoTime() - start) / 1e6 < settings.warmupMs()) {
      call.run();
      calls++;
      if (calls > 100 * Math.max(1, settings.warmupCalls())) {
        break;
      }
    }
    Measurement best = null;
    int round = 0;
    while (round < settings.maxRounds()) {
      round++;
      Measurement m = round(call);
      if (best == null || m.relativeSpread() < best.relativeSpread()) {
        best = m;
      }
      if (m.relativeSpread() <= settings.maxRelativeSpread()) {
        break;
      }
    }
    return best.withRounds(round);
  }

  private Measurement round(Runnable call) {
    double[] t = new double[settings.maxSamples()];
    Clock clock = settings.clock();
    int n = 0;
    long start = System.nanoTime();
    while (n < settings.maxSamples() && (n < settings.minSamples() || (System.nanoTime() - start) / 1e6 < settings.targetMs())) {
      long t0 = clock.now();
      call.run();
      t[n] = (clock.now() - t0) / 1e6;
      n++;
    }
    return SampleStats.summarize(java.util.Arrays.copyOf(t, n), settings.quantile());
  }

  private void call(ComputationGraph net, INDArray input) {
    INDArray[] out = net.output(false, input);
    sink += out[0].getFloat(0);
  }
}
