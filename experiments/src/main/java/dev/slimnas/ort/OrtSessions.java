package dev.slimnas.ort;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** The session settings every ONNX Runtime use of the project shares. */
public final class OrtSessions {
  /** Name of the runtime in profiles, reports and on the command line. */
  public static final String RUNTIME = "onnxruntime";

  private OrtSessions() {}

  /**
   * {@code threads} intra-op threads (1: the work runs on the calling thread, so the thread-CPU clock
   * applies; 0: ONNX Runtime's default, one per core), one inter-op thread, sequential execution, all graph
   * optimisations. The caller closes the options.
   */
  public static OrtSession.SessionOptions options(int threads) throws OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    o.setIntraOpNumThreads(threads);
    o.setInterOpNumThreads(1);
    o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    return o;
  }

  /** The version of the ONNX Runtime library on the class path (from its jar), or "unknown". */
  public static String version() {
    Package p = ai.onnxruntime.OrtEnvironment.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    if (v != null) {
      return v;
    }
    String cp = System.getProperty("java.class.path", "");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("onnxruntime-([0-9][^/:]*)\\.jar").matcher(cp);
    return m.find() ? m.group(1) : "unknown";
  }
}
