package dev.slimnas.transfer;

import dev.slimnas.space.json.Json;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.Channels;
import dev.slimnas.transfer.overhead.OptimizationCost;
import dev.slimnas.transfer.overhead.Overhead;
import dev.slimnas.transfer.overhead.Schedule;
import dev.slimnas.transfer.projection.Projection;
import dev.slimnas.transfer.projection.ProxyRatios;
import dev.slimnas.transfer.projection.Stacking;
import dev.slimnas.transfer.proxy.ProxyResult;
import dev.slimnas.transfer.report.CostSummary;
import dev.slimnas.transfer.report.ReportProvenance;
import dev.slimnas.transfer.report.TransferInputs;
import dev.slimnas.transfer.report.TransferReport;
import dev.slimnas.transfer.rescale.CostTarget;
import dev.slimnas.transfer.rescale.FillUp;
import dev.slimnas.transfer.rescale.Rescale;
import dev.slimnas.transfer.rescale.Rescaler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Width transfer (Chin et al., "Width transfer: on the (in)variance of width optimization",
 * arXiv:2104.13255): the widths a width optimiser found on a cheap proxy, projected onto a target
 * network as per-unit ratios, stacked onto deeper (or shallower) stages, rounded by the divisor rule,
 * optionally clamped to a width range, and optionally rescaled to a cost or latency target (a uniform
 * scale, then a per-unit fill-up of what rounding left). Immutable; {@link #run()} is deterministic apart from
 * the report's provenance.
 *
 * <pre>{@code
 * TransferReport r = WidthTransfer.builder(proxyResult, targetBaseline)
 *     .stacking(Stacking.LINEAR)
 *     .costTarget(CostTarget.macs(CostModel.of(targetBaseline).macs()))
 *     .latencyModel("pixel1", model::predict)
 *     .run();
 * System.out.print(r.summary());
 * }</pre>
 */
public final class WidthTransfer {
  private final ProxyResult from;
  private final ArchSpec target;
  private final Stacking stacking;
  private final int divisor;
  private final Optional<CostTarget> costTarget;
  private final Map<String, ToDoubleFunction<ArchSpec>> latencyModels;
  private final Schedule targetSchedule;
  private final boolean fillUp;
  private final double[] bounds;

  private WidthTransfer(Builder b) {
    this.from = b.from;
    this.target = b.target;
    this.stacking = b.stacking;
    this.divisor = b.divisor;
    this.costTarget = Optional.ofNullable(b.costTarget);
    this.latencyModels = Map.copyOf(b.latencyModels);
    this.targetSchedule = b.targetSchedule == null ? b.from.targetSchedule() : b.targetSchedule;
    this.fillUp = b.fillUp;
    this.bounds = b.bounds;
  }

  /** A transfer of {@code from}'s widths onto {@code targetBaseline} (the target at its uniform widths). */
  public static Builder builder(ProxyResult from, ArchSpec targetBaseline) {
    return new Builder(from, targetBaseline);
  }

  /** The projection this transfer uses (for plots and sweeps over the scale). */
  public Projection projection() {
    Projection p = Projection.of(from.ratios(), target, stacking, divisor);
    return bounds == null ? p : p.bounded(bounds[0], bounds[1]);
  }

  /** Projects, rescales if asked, costs and accounts; returns the report. */
  public TransferReport run() {
    ProxyRatios ratios = from.ratios();
    Projection projection = projection();
    Rescale rescale = costTarget.<Rescale>map(t -> {
      Rescale.Bisection uniform = Rescaler.fit(projection, t);
      return fillUp ? FillUp.fill(projection, uniform, t) : uniform;
    }).orElse(new Rescale.None());
    ArchSpec transferred = rescale.apply(projection);
    Map<String, ToDoubleFunction<ArchSpec>> models = new LinkedHashMap<>(latencyModels);
    costTarget.filter(CostTarget.Latency.class::isInstance).map(CostTarget.Latency.class::cast)
        .ifPresent(l -> models.putIfAbsent(l.model(), l.predictor()));
    Overhead overhead = Overhead.of(OptimizationCost.of(from.baseline(), from.schedule()),
        OptimizationCost.of(target, targetSchedule));
    TransferInputs inputs = new TransferInputs(from.proxy(), from.optimizer(),
        from.baseline().name(), Json.fingerprint(from.baseline()),
        from.optimized().name(), Json.fingerprint(from.optimized()),
        target.name(), Json.fingerprint(target),
        stacking, divisor, costTarget.map(t -> t.metric() + " <= " + t.value()).orElse("none"),
        fillUp && costTarget.isPresent(), bounds == null ? "none" : "[" + bounds[0] + ", " + bounds[1] + "]", from.schedule(), targetSchedule);
    return new TransferReport(inputs, ratios.units(), projection.rows(transferred), rescale,
        CostSummary.of(target, models), CostSummary.of(transferred, models), overhead, transferred,
        ReportProvenance.capture());
  }

  /** Settings of a transfer; everything but the two required inputs has a default. */
  public static final class Builder {
    private final ProxyResult from;
    private final ArchSpec target;
    private Stacking stacking = Stacking.NEAREST;
    private int divisor = Channels.DEFAULT_DIVISOR;
    private CostTarget costTarget;
    private final Map<String, ToDoubleFunction<ArchSpec>> latencyModels = new LinkedHashMap<>();
    private Schedule targetSchedule;
    private boolean fillUp = true;
    private double[] bounds;

    private Builder(ProxyResult from, ArchSpec target) {
      this.from = Objects.requireNonNull(from, "from");
      this.target = Objects.requireNonNull(target, "target");
    }

    /** Layer stacking for stages whose block counts differ (default {@link Stacking#NEAREST}). */
    public Builder stacking(Stacking s) {
      this.stacking = Objects.requireNonNull(s, "stacking");
      return this;
    }

    /** Channel divisor of the rounding rule (default 8). */
    public Builder divisor(int d) {
      if (d < 1) {
        throw new IllegalArgumentException("divisor must be >= 1, got " + d);
      }
      this.divisor = d;
      return this;
    }

    /** Rescale all widths uniformly to the largest network meeting this target (default: no rescale). */
    public Builder costTarget(CostTarget t) {
      this.costTarget = Objects.requireNonNull(t, "costTarget");
      return this;
    }

    /**
     * Whether the uniform rescale is followed by the per-unit {@link FillUp} that spends the rest of
     * the cost target one divisor step at a time (default on; only with a cost target).
     */
    public Builder fillUp(boolean on) {
      this.fillUp = on;
      return this;
    }

    /**
     * Clamp every unit's multiplier (transferred width / target baseline width) into
     * {@code [lower, upper]}, e.g. the target space's {@code WidthRange} when the baseline is the space
     * at multiplier 1 (default: unbounded).
     */
    public Builder widthBounds(double lower, double upper) {
      if (!(lower > 0) || !(upper >= lower) || Double.isInfinite(upper)) {
        throw new IllegalArgumentException("width bounds need 0 < lower <= upper, got " + lower + ", " + upper);
      }
      this.bounds = new double[] {lower, upper};
      return this;
    }

    /** A latency predictor whose value the report gives for the baseline and the transferred network. */
    public Builder latencyModel(String name, ToDoubleFunction<ArchSpec> model) {
      latencyModels.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(model, "model"));
      return this;
    }

    /**
     * The schedule a width optimisation directly on the target would run, for the overhead accounting
     * (default {@link ProxyResult#targetSchedule()}: all training images, the proxy's epochs).
     */
    public Builder targetSchedule(Schedule s) {
      this.targetSchedule = Objects.requireNonNull(s, "targetSchedule");
      return this;
    }

    public WidthTransfer build() {
      return new WidthTransfer(this);
    }

    /** {@code build().run()}. */
    public TransferReport run() {
      return build().run();
    }
  }
}
