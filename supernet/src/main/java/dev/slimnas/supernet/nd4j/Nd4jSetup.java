package dev.slimnas.supernet.nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place that prepares ND4J before first use: turns DL4J's oneDNN helpers on (the system
 * property {@value #HELPERS_PROPERTY} defaults to {@code true} in M2.1, which disables them) and reports
 * the backend. Call {@link #ensure()} before the first ND4J class loads; calling it again is free.
 */
public final class Nd4jSetup {
  public static final String HELPERS_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
  /**
   * libgomp's spin count, read from the environment once when ND4J's native library loads (so it cannot
   * be set from Java). By default ND4J's OpenMP threads spin ~300,000 times after every native op; in
   * training they then take the cores away from the Java kernels of the custom layers ({@code BnAct},
   * the depthwise backward) that run between native ops. {@value #SPIN_COUNT} lets them sleep almost at
   * once: +15-30% training images/s of MobileNetV2-CIFAR x0.5 here, batch-1 inference unchanged
   * ({@code slimnas bench train}, supernet/README.md). The {@code slimnas} launcher exports it unless the
   * user set it; the benchmark's DL4J side gets it too.
   */
  public static final String SPIN_COUNT_ENV = "GOMP_SPINCOUNT";
  public static final String SPIN_COUNT = "1000";
  private static volatile boolean done;

  private Nd4jSetup() {}

  /** Sets the switches (unless the user set the property explicitly) and starts the backend. */
  public static synchronized void ensure() {
    if (done) {
      return;
    }
    if (System.getProperty(HELPERS_PROPERTY) == null) {
      System.setProperty(HELPERS_PROPERTY, "false");
    }
    Nd4j.create(1); // loads the backend now, so later timings do not include start-up
    done = true;
  }

  /** True when DL4J will use the oneDNN helpers (both switches on and a oneDNN backend loaded). */
  public static boolean oneDnnHelpersActive() {
    ensure();
    return !Boolean.parseBoolean(System.getProperty(HELPERS_PROPERTY, "true"))
        && org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
  }

  /** Backend facts for provenance records: backend, ND4J version, threads, oneDNN helpers. */
  public static Map<String, Object> describe() {
    ensure();
    Map<String, Object> m = new LinkedHashMap<>();
    var env = Nd4j.getExecutioner().getEnvironmentInformation();
    m.put("backend", String.valueOf(env.getOrDefault("backend", "unknown")));
    m.put("nd4j", Nd4j.class.getPackage().getImplementationVersion() == null
        ? "unknown" : Nd4j.class.getPackage().getImplementationVersion());
    m.put("ompThreads", String.valueOf(env.getOrDefault("omp.threads", "?")));
    m.put("blasThreads", String.valueOf(env.getOrDefault("blas.threads", "?")));
    m.put("gompSpinCount", System.getenv(SPIN_COUNT_ENV) == null ? "unset (OpenMP default)" : System.getenv(SPIN_COUNT_ENV));
    m.put("cpuFeatures", String.valueOf(env.getOrDefault("cpu.features", "")));
    m.put("oneDnnHelpers", oneDnnHelpersActive());
    m.put("dataType", Nd4j.dataType().toString());
    return m;
  }
}
