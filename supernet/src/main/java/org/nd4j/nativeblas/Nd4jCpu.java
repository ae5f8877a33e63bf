package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Compatibility shim, not ND4J code: deeplearning4j-nn 1.0.0-M2.1 decides whether to use its oneDNN
 * helpers (conv, batch norm, pooling) by reflectively calling
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}, but nd4j-native M2.1
 * moved that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} (method
 * {@code isUseONEDNN()}). Without a class under the old name the helpers stay off and batch norm runs
 * as slow broadcast ops (see ../shared/DL4J-NOTES.md). This class answers under the old name by
 * delegating to the new one, and answers {@code false} when the native backend is absent.
 */
public final class Nd4jCpu {
  private Nd4jCpu() {}

  /** The old name of the native environment, delegating to the moved class. */
  public static final class Environment {
    private static final Environment INSTANCE = new Environment();
    private static final String MOVED = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

    private Environment() {}

    public static Environment getInstance() {
      return INSTANCE;
    }

    /** Whether the native backend was built with oneDNN and has it switched on. */
    public boolean isUseMKLDNN() {
      return (Boolean) call("isUseONEDNN");
    }

    /** Turns oneDNN use on or off in the native backend. */
    public void setUseMKLDNN(boolean use) {
      call("setUseONEDNN", use);
    }

    /** Allows or forbids the native platform helpers. */
    public void allowHelpers(boolean allow) {
      call("allowHelpers", allow);
    }

    private static Object call(String method, Object... args) {
      try {
        Class<?> c = Class.forName(MOVED);
        Object env = c.getMethod("getInstance").invoke(null);
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
          types[i] = boolean.class;
        }
        Method m = c.getMethod(method, types);
        Object r = m.invoke(env, args);
        return r == null ? Boolean.FALSE : r;
      } catch (ReflectiveOperationException | LinkageError e) {
        return Boolean.FALSE;
      }
    }
  }
}
