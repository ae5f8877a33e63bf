package dev.slimnas.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on localhost for tests: a master and workers, each a separate JVM started from this
 * module's classpath (no Spark distribution: a stand-in {@code SPARK_HOME} with an empty {@code jars} folder, the
 * executors get the classpath through {@code spark.executor.extraClassPath}). Every JVM is capped; everything binds
 * to 127.0.0.1. {@link #close()} stops what is left, executors included.
 */
final class LocalCluster implements AutoCloseable {
  private final Path dir;
  private final String classpath;
  private final List<String> jvmOptions;
  private final int masterPort;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();

  LocalCluster(Path dir, int workers, int coresEach, String memoryEach) {
    this.dir = dir;
    this.classpath = classpath();
    this.jvmOptions = Arrays.asList(System.getProperty("slimnas.spark.jvmOptions", "").trim().split("\\s+"));
    try {
      Path home = dir.resolve("spark-home");
      Files.createDirectories(home.resolve("jars"));
      Files.writeString(home.resolve("RELEASE"), "stand-in SPARK_HOME for tests: the classpath comes from spark.executor.extraClassPath\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    masterPort = freePort();
    master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
        String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())));
    awaitPort(masterPort);
    for (int i = 1; i <= workers; i++) {
      this.workers.add(start("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
          "--cores", String.valueOf(coresEach), "--memory", memoryEach, "--work-dir", dir.resolve("work-" + i).toString(),
          "--webui-port", String.valueOf(freePort()), url())));
    }
  }

  /** {@code spark://127.0.0.1:PORT}. */
  String url() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The classpath of this module's runtime (what the executors need). */
  static String classpath() {
    try {
      String cp = Files.readString(Path.of(System.getProperty("slimnas.spark.classpath"))).trim();
      return System.getProperty("slimnas.spark.classes") + java.io.File.pathSeparator + cp;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the classpath file (run the test with Maven)", e);
    }
  }

  List<Process> workers() {
    return workers;
  }

  /** Kills a worker and its executors at once, as a lost machine. */
  void kill(Process worker) {
    worker.descendants().forEach(ProcessHandle::destroyForcibly);
    worker.destroyForcibly();
  }

  private Process start(String name, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", classpath));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", dir.resolve("spark-home").toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_WORKER_DIR", dir.toString());
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitPort(int port) {
    long end = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < end) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(250);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(ie);
        }
      }
    }
    throw new IllegalStateException("the Spark master did not open port " + port + " within 120 s");
  }

  @Override
  public void close() {
    for (Process w : workers) {
      kill(w);
    }
    master.descendants().forEach(ProcessHandle::destroyForcibly);
    master.destroyForcibly();
  }
}
