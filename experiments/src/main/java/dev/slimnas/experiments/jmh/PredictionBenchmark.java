package dev.slimnas.experiments.jmh;

import dev.slimnas.latency.fit.WidthAwarePredictor;
import dev.slimnas.latency.profile.ProxylessFormat;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Predictions per second of the width-aware predictor (fitted on the ProxylessNAS Pixel 1 table) on
 * one thread: {@code one} prices the same architecture again and again, {@code rotating} walks over
 * 64 different sampled architectures (random widths in the CIFAR space), as a search would.
 * Run: {@code slimnas latency speed}, or JMH's own runner on the experiments class path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class PredictionBenchmark {
  @Param({"spnas-cifar", "spnas-224"})
  public String space;

  private WidthAwarePredictor model;
  private ArchSpec arch;
  private ArchSpec[] archs;
  private int next;

  @Setup
  public void setUp() {
    model = WidthAwarePredictor.fit(ProxylessFormat.pixel1());
    SearchSpace s = SearchSpaces.get(space);
    SplittableRandom r = new SplittableRandom(1);
    arch = s.sampleUniform(r);
    archs = new ArchSpec[64];
    for (int i = 0; i < archs.length; i++) {
      archs[i] = s.sampleUniform(r);
    }
  }

  @Benchmark
  public double one() {
    return model.predict(arch);
  }

  @Benchmark
  public double rotating() {
    next = (next + 1) & 63;
    return model.predict(archs[next]);
  }
}
