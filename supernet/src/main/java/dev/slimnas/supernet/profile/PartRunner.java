package dev.slimnas.supernet.profile;

import dev.slimnas.latency.profile.ProfilePlan;

/**
 * Runs the parts of a profile plan in one runtime: DL4J ({@link #dl4j}) or, in the experiments module,
 * ONNX Runtime. A {@link Profiler} times what it prepares.
 */
public interface PartRunner {
  /** Short name of the runtime, e.g. {@code dl4j} or {@code onnxruntime}. */
  String runtime();

  /** Builds the part's model and input; the returned call does one whole inference. */
  Prepared prepare(ProfilePlan.Item item);

  /** A built part, ready to run; {@link #close()} frees it. */
  interface Prepared extends AutoCloseable {
    /** One inference; its result is consumed before it returns. */
    void call();

    @Override
    void close();
  }

  /** The DL4J graphs of {@link PartGraphs}, random input from the meter's seed. */
  static PartRunner dl4j(LatencyMeter meter, dev.slimnas.supernet.net.NetSettings net) {
    return new PartRunner() {
      @Override
      public String runtime() {
        return "dl4j";
      }

      @Override
      public Prepared prepare(ProfilePlan.Item item) {
        org.deeplearning4j.nn.graph.ComputationGraph g = PartGraphs.build(item.part(), item.activation(), net);
        org.nd4j.linalg.api.ndarray.INDArray x = meter.input(PartGraphs.inputShape(item.part(), meter.settings().batch()));
        float[] sink = new float[1];
        return new Prepared() {
          @Override
          public void call() {
            sink[0] += g.output(false, x)[0].getFloat(0);
          }

          @Override
          public void close() {
            x.close();
            g.close();
          }
        };
      }
    };
  }
}
