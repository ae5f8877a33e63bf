package dev.slimnas.spark;

import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.trial.Trial;
import dev.slimnas.space.trial.TrialContext;
import dev.slimnas.space.trial.TrialResult;
import dev.slimnas.space.trial.TrialWork;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The executor side of the Spark runner. <b>The rule: one DL4J trial per executor JVM at a time.</b> ND4J's
 * workspaces, thread pools and environment are per JVM, and a trial is given all of the executor's cores as ND4J
 * threads; two trials in one JVM would share that state and oversubscribe the cores. So the runner asks Spark for
 * one task per executor ({@code spark.task.cpus = spark.executor.cores}; {@code local[N]} gets {@code task.cpus = N}),
 * and this class holds a JVM-wide lock around every trial, so that the rule holds even when a configuration lets
 * Spark start two tasks in one executor: the second waits. Data sets come once per JVM from
 * {@link TrialContext#shared}.
 */
public final class ExecutorTrials {
  /** Held while a trial runs in this JVM. */
  private static final ReentrantLock ONE_TRIAL = new ReentrantLock(true);

  private ExecutorTrials() {}

  /** Runs one trial in this (executor) JVM, or returns its result when an earlier attempt finished it. */
  public static <I extends Serializable> TrialResult run(Trial<I> trial, TrialWork<I> work, String runner) {
    ONE_TRIAL.lock();
    try {
      Optional<TrialResult> done = work.finished(trial);
      if (done.isPresent()) {
        return done.get(); // a retry of an attempt that finished before its executor was lost
      }
      int cores = cores();
      threads(cores);
      recordAttempt(trial, cores);
      TrialResult r = work.run(trial, new TrialContext(cores, false, runner));
      if (!r.trial().equals(trial.name())) {
        throw new IllegalStateException("trial " + trial.name() + " returned the result of " + r.trial());
      }
      return r;
    } finally {
      ONE_TRIAL.unlock();
    }
  }

  /** The cores of this task: {@code spark.task.cpus}, which the runner sets to the executor's cores. */
  static int cores() {
    TaskContext t = TaskContext.get();
    return t == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, t.cpus());
  }

  /**
   * Gives ND4J {@code cores} threads for the ops this (task) thread starts: OpenMP's thread count is a per-thread
   * setting, so it is set on the thread that runs the trial, every time; the BLAS threads and ND4J's master threads
   * are per JVM. ({@code Environment.setMaxThreads} is a no-op in ND4J 1.0.0-M2.1; the executors also get
   * {@code OMP_NUM_THREADS} when {@code spark.executor.cores} is set.)
   */
  static void threads(int cores) {
    Nd4jSetup.ensure();
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(cores);
    Nd4j.factory().blas().setMaxThreads(cores);
    Nd4j.getEnvironment().setMaxMasterThreads(cores);
  }

  /** OpenMP's thread count for ops started from the calling thread (tests). */
  static int nd4jThreads() {
    return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
  }

  /**
   * Appends a line to {@code RUN/trial-attempts.jsonl}: which executor and process ran which attempt of the trial
   * (provenance; the cluster test finds the process to kill there).
   */
  static void recordAttempt(Trial<?> trial, int cores) {
    TaskContext t = TaskContext.get();
    String line = String.format(Locale.ROOT,
        "{\"attempt\": %d, \"cores\": %d, \"executor\": \"%s\", \"host\": \"%s\", \"pid\": %d, \"started\": \"%s\"}%n",
        t == null ? 0 : t.attemptNumber(), cores, SparkEnv.get() == null ? "?" : SparkEnv.get().executorId(), host(),
        ProcessHandle.current().pid(), Instant.now());
    Path f = attemptsFile(trial);
    try {
      Files.createDirectories(f.getParent());
      AtomicFiles.writeString(f, (Files.exists(f) ? Files.readString(f) : "") + line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f, e);
    }
  }

  /** {@code RUN/trial-attempts.jsonl}. */
  public static Path attemptsFile(Trial<?> trial) {
    return trial.dir().resolve("trial-attempts.jsonl");
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
