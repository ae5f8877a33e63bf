package dev.slimnas.space.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What reproduces an artifact: the command, seed, spec fingerprint, git commit, Java and OS, and
 * library versions. Written beside every artifact as {@code <artifact>.provenance.json}.
 *
 * @param artifact file name of the artifact it describes
 * @param kind what the artifact is, e.g. {@code checkpoint}, {@code pareto-front}
 * @param created UTC time of creation
 * @param seed the run seed, or null when nothing random happened
 * @param specFingerprint fingerprint of the spec the artifact was made from, or null
 * @param gitCommit commit of the code that made it ("unknown" outside a git checkout)
 * @param environment Java, OS, CPU count and library versions
 * @param details anything else that reproduces it (command line, data checksums, settings)
 */
public record Provenance(
    String artifact,
    String kind,
    String created,
    Long seed,
    String specFingerprint,
    String gitCommit,
    Map<String, String> environment,
    Map<String, Object> details) {

  public static final String SCHEMA = "slimnas.provenance";

  public Provenance {
    environment = Map.copyOf(environment);
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** A record for an artifact, capturing the environment now. */
  public static Provenance of(String artifact, String kind, Long seed, String specFingerprint, Map<String, Object> details) {
    return new Provenance(artifact, kind, Instant.now().toString(), seed, specFingerprint, captureGitCommit(), captureEnvironment(), details);
  }

  /** The path of the provenance record beside {@code artifact}. */
  public static Path pathFor(Path artifact) {
    return artifact.resolveSibling(artifact.getFileName() + ".provenance.json");
  }

  /** Java, OS and library versions of this process. */
  public static Map<String, String> captureEnvironment() {
    Map<String, String> env = new TreeMap<>();
    env.put("java.version", System.getProperty("java.version"));
    env.put("java.vendor", System.getProperty("java.vendor"));
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    env.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
    version("com.fasterxml.jackson.databind.ObjectMapper").ifPresent(v -> env.put("jackson", v));
    version("org.nd4j.linalg.factory.Nd4j").ifPresent(v -> env.put("nd4j", v));
    version("org.deeplearning4j.nn.graph.ComputationGraph").ifPresent(v -> env.put("deeplearning4j", v));
    version("io.jenetics.Engine").ifPresent(v -> env.put("jenetics", v));
    version("dev.slimnas.space.io.Provenance").ifPresent(v -> env.put("slimnas", v));
    String backend = System.getProperty("slimnas.nd4j.backend");
    if (backend != null) {
      env.put("nd4j.backend", backend);
    }
    return env;
  }

  private static Optional<String> version(String className) {
    try {
      Class<?> c = Class.forName(className, false, Provenance.class.getClassLoader());
      Package p = c.getPackage();
      String v = p == null ? null : p.getImplementationVersion();
      if (v == null) {
        var src = c.getProtectionDomain().getCodeSource();
        v = src == null ? "present" : Path.of(src.getLocation().getPath()).getFileName().toString();
      }
      return Optional.of(v);
    } catch (ClassNotFoundException | LinkageError | SecurityException | java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** The commit of the enclosing git checkout, or "unknown". */
  public static String captureGitCommit() {
    String env = System.getenv("SLIMNAS_GIT_COMMIT");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
        String dirty = dirty() ? "+dirty" : "";
        return out + dirty;
      }
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown";
  }

  private static boolean dirty() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty();
  }

  /** True if a file exists at the provenance path of {@code artifact}. */
  public static boolean existsFor(Path artifact) {
    return Files.exists(pathFor(artifact));
  }

  /** Writes this record beside {@code artifact} (atomically). */
  public void writeBeside(Path artifact) {
    dev.slimnas.space.json.Json.write(pathFor(artifact), SCHEMA, 1, this);
  }
}
