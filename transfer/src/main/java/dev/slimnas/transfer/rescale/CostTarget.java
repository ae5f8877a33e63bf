package dev.slimnas.transfer.rescale;

import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.spec.ArchSpec;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A cost a transferred network is rescaled to: exact MACs or parameters ({@link CostModel}), or the
 * latency a model predicts (e.g. a {@code dev.slimnas.latency.LatencyModel}'s {@code predict}).
 */
public sealed interface CostTarget permits CostTarget.Macs, CostTarget.Params, CostTarget.Latency {

  static CostTarget macs(long macs) {
    return new Macs(macs);
  }

  static CostTarget params(long params) {
    return new Params(params);
  }

  /** A latency target; {@code model} names the predictor in reports (e.g. the device profile). */
  static CostTarget latency(String model, double ms, ToDoubleFunction<ArchSpec> predictor) {
    return new Latency(model, ms, predictor);
  }

  /** What is measured, for reports: {@code macs}, {@code params} or {@code latency-ms:<model>}. */
  String metric();

  /** The target value in the metric's unit. */
  double value();

  /** The metric of an architecture. */
  double measure(ArchSpec arch);

  record Macs(long macs) implements CostTarget {
    public Macs {
      if (macs < 1) {
        throw new IllegalArgumentException("MACs target must be >= 1, got " + macs);
      }
    }

    @Override
    public String metric() {
      return "macs";
    }

    @Override
    public double value() {
      return macs;
    }

    @Override
    public double measure(ArchSpec arch) {
      return CostModel.of(arch).macs();
    }
  }

  record Params(long params) implements CostTarget {
    public Params {
      if (params < 1) {
        throw new IllegalArgumentException("parameter target must be >= 1, got " + params);
      }
    }

    @Override
    public String metric() {
      return "params";
    }

    @Override
    public double value() {
      return params;
    }

    @Override
    public double measure(ArchSpec arch) {
      return CostModel.of(arch).params();
    }
  }

  /** Milliseconds predicted by {@code predictor}. The predictor should be non-decreasing in every width. */
  record Latency(String model, double ms, ToDoubleFunction<ArchSpec> predictor) implements CostTarget {
    public Latency {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(predictor, "predictor");
      if (!(ms > 0) || Double.isInfinite(ms)) {
        throw new IllegalArgumentException("latency target must be positive and finite, got " + ms);
      }
    }

    @Override
    public String metric() {
      return "latency-ms:" + model;
    }

    @Override
    public double value() {
      return ms;
    }

    @Override
    public double measure(ArchSpec arch) {
      return predictor.applyAsDouble(arch);
    }
  }
}
