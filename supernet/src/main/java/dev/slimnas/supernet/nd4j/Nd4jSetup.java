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
    m.put("cpuFeatures", String.valueOf(env.getOrDefault("cpu.features", "")));
    m.put("oneDnnHelpers", oneDnnHelpersActive());
    m.put("dataType", Nd4j.dataType().toString());
    return m;
  }
}
