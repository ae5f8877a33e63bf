package dev.slimnas.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.slimnas.latency.lut.ProxylessTable;
import dev.slimnas.latency.lut.TableResources;
import dev.slimnas.latency.profile.DeviceInfo;
import dev.slimnas.latency.profile.LatencyProfile;
import dev.slimnas.latency.profile.ProfileCsv;
import dev.slimnas.latency.profile.ProxylessFormat;
import dev.slimnas.optimizers.tabular.BenchmarkTables;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.io.BadInput;
import dev.slimnas.space.io.Checksums;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.export.BundleConfig;
import dev.slimnas.supernet.export.BundleManifest;
import dev.slimnas.supernet.export.SlimmableModel;
import dev.slimnas.supernet.slim.SlimmableFamily;
import dev.slimnas.supernet.train.TrainConfig;
import dev.slimnas.transfer.io.TransferFiles;
import dev.slimnas.transfer.overhead.Schedule;
import dev.slimnas.transfer.proxy.Depth;
import dev.slimnas.transfer.proxy.ProxyResult;
import dev.slimnas.transfer.proxy.ProxySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing of every reader of the project's own files and of the imported formats: random
 * edits of a valid document ({@link Edit}: byte flips, deletions, duplications, truncations, number and
 * type swaps, deep nesting, line shuffles) give either a valid result or a clean error: bad input
 * ({@link BadInput}, {@link IllegalArgumentException} but never a bare {@link NumberFormatException}, or an
 * {@link UncheckedIOException}) whose message is one line naming the source. Never a
 * NullPointerException, ClassCastException, ArithmeticException, IndexOutOfBoundsException, an error such
 * as StackOverflowError or OutOfMemoryError, and never a hang (each try has a time limit).
 *
 * <p>Fixed seed, {@value #TRIES} tries per property; a failure prints the shrunk edits that reproduce it.
 */
class ReadersFuzzTest {
  static final int TRIES = 300;
  static final String SEED = "16";
  private static final Duration LIMIT = Duration.ofSeconds(20);
  private static final DeviceInfo DEVICE = new DeviceInfo("fuzz", "fuzz", "unknown", "unknown", "unknown", "unknown", "fp32", 0, 1);

  private static Path dir;

  @BeforeContainer
  static void makeDir() throws IOException {
    dir = Files.createTempDirectory("slimnas-fuzz");
  }

  @AfterContainer
  static void removeDir() throws IOException {
    try (var s = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(s.toList());
      Collections.reverse(all);
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Provide
  Arbitrary<List<Edit>> edits() {
    return Edit.lists(4);
  }

  // --- the project's own JSON documents

  private static final String ARCH = SpecFiles.archJson(ReferenceNetworks.singlePathNasFinalCifar());
  private static final String SPACE = SpecFiles.spaceJson(SearchSpaces.singlePathNasCifar());
  private static final String TRAIN = TrainConfig.cifarDefaults().toJson();

  @Property(tries = TRIES, seed = SEED)
  void archFiles(@ForAll("edits") List<Edit> edits) {
    String source = "fuzz/arch.json";
    clean(source, () -> {
      ArchSpec a = SpecFiles.parseArch(Edit.applyAll(ARCH, edits), source);
      return CostModel.of(a); // what every command does next
    });
  }

  @Property(tries = TRIES, seed = SEED)
  void spaceFiles(@ForAll("edits") List<Edit> edits) {
    String source = "fuzz/space.json";
    clean(source, () -> {
      SearchSpace s = SpecFiles.parseSpace(Edit.applyAll(SPACE, edits), source);
      CostModel.of(s.max());
      CostModel.of(s.min());
      return s.sampleUniform(new SplittableRandom(1));
    });
  }

  @Property(tries = TRIES, seed = SEED)
  void trainConfigs(@ForAll("edits") List<Edit> edits) {
    String source = "fuzz/train.json";
    clean(source, () -> TrainConfig.parse(Edit.applyAll(TRAIN, edits), source));
  }

  private static final String PROXY = TransferFiles.proxyJson(new ProxySpec(Depth.full(), 0.5, 1.0, 1.0));
  private static final String PROXY_RESULT;

  static {
    SearchSpace s = SearchSpaces.get("spnas-cifar", 0.5);
    int[] ops = new int[s.blockCount()];
    double[] full = new double[s.widthGroups().size()];
    java.util.Arrays.fill(full, 1.0);
    double[] slim = full.clone();
    for (int i = 0; i < slim.length; i += 2) {
      slim[i] = 0.5;
    }
    PROXY_RESULT = TransferFiles.proxyResultJson(new ProxyResult(new ProxySpec(Depth.full(), 0.5, 1.0, 1.0),
        s.decode(ArchEncoding.of(ops, full)), s.decode(ArchEncoding.of(ops, slim)), "manual", new Schedule(50_000, 10)));
  }

  @Property(tries = TRIES, seed = SEED)
  void proxySpecs(@ForAll("edits") List<Edit> edits) {
    String source = "fuzz/proxy.json";
    clean(source, () -> TransferFiles.parseProxy(Edit.applyAll(PROXY, edits), source));
  }

  @Property(tries = TRIES, seed = SEED)
  void proxyResults(@ForAll("edits") List<Edit> edits) {
    String source = "fuzz/proxy-result.json";
    clean(source, () -> TransferFiles.parseProxyResult(Edit.applyAll(PROXY_RESULT, edits), source));
  }

  private static final byte[] WEIGHTS = "not a network: the checks before the weights are read are fuzzed".getBytes(StandardCharsets.UTF_8);
  private static final String MANIFEST;

  static {
    SearchSpace s = SearchSpaces.get("spnas-cifar", 1.0);
    SlimmableFamily f = SlimmableFamily.uniformOps(s, 0);
    List<Double> widths = Collections.nCopies(f.dimensions(), 0.5);
    BundleConfig c = new BundleConfig(widths, 0.9, Map.of("pixel1-proxylessnas-fit", 12.5), Map.of("stem_mean", new float[] {0.1f}));
    MANIFEST = Json.toJson(BundleManifest.SCHEMA, BundleManifest.VERSION, new BundleManifest("spnas-cifar", 1.0,
        f.ops().asList(), 0.25, 1.0, SlimmableModel.WEIGHTS, Checksums.sha256(WEIGHTS), "search-val", List.of(c)));
  }

  @Property(tries = TRIES, seed = SEED)
  void bundleManifests(@ForAll("edits") List<Edit> edits) throws IOException {
    Path bundle = Files.createTempDirectory(dir, "bundle");
    Files.write(bundle.resolve(SlimmableModel.WEIGHTS), WEIGHTS);
    write(bundle.resolve(SlimmableModel.MANIFEST), Edit.applyAll(MANIFEST, edits));
    clean(bundle.toString(), () -> SlimmableModel.load(bundle));
  }

  // --- latency profiles: the project's JSON and CSV, the ProxylessNAS YAML and CSV

  private static final String PROFILE_JSON = ProxylessFormat.pixel1().toJson();
  private static final String PROFILE_CSV = ProfileCsv.format(ProxylessFormat.pixel1());
  private static final String PROXYLESS_CSV = new String(TableResources.load(ProxylessTable.RESOURCE, ProxylessTable.MD5),
      StandardCharsets.UTF_8);
  private static final String PROXYLESS_YAML = resource("/dev/slimnas/latency/tables/pixel1-proxylessnas/pixel_trim.yaml");

  @Property(tries = TRIES, seed = SEED)
  void latencyProfileJson(@ForAll("edits") List<Edit> edits) {
    String source = "fuzz/profile.json";
    clean(source, () -> LatencyProfile.parse(Edit.applyAll(PROFILE_JSON, edits), source));
  }

  @Property(tries = TRIES, seed = SEED)
  void latencyProfileCsv(@ForAll("edits") List<Edit> edits) {
    String source = "fuzz/profile.csv";
    clean(source, () -> ProfileCsv.parse(Edit.applyAll(PROFILE_CSV, edits), source, DEVICE, "median", "iqr"));
  }

  @Property(tries = TRIES, seed = SEED)
  void proxylessYaml(@ForAll("edits") List<Edit> edits) {
    String source = "fuzz/pixel.yaml";
    clean(source, () -> ProxylessFormat.fromText(Edit.applyAll(PROXYLESS_YAML, edits), source, DEVICE));
  }

  @Property(tries = TRIES, seed = SEED)
  void proxylessCsv(@ForAll("edits") List<Edit> edits) {
    String source = "fuzz/pixel.csv";
    clean(source, () -> ProxylessFormat.fromText(Edit.applyAll(PROXYLESS_CSV, edits), source, DEVICE));
  }

  // --- benchmark tables: the sidecar, a CSV table and a code-keyed JSON table (checksums kept valid)

  private static final String SIDECAR = resource("/fuzz/tiny.table.json");
  private static final String TABLE_CSV = resource("/fuzz/tiny.csv");
  private static final String CODES_SIDECAR = resource("/fuzz/tiny-codes.table.json");
  private static final String TABLE_CODES = resource("/fuzz/tiny-codes.json");

  @Property(tries = TRIES, seed = SEED)
  void tableSidecars(@ForAll("edits") List<Edit> edits) throws IOException {
    Path t = Files.createTempDirectory(dir, "table");
    write(t.resolve("tiny.csv"), TABLE_CSV);
    Path sidecar = t.resolve("tiny.table.json");
    write(sidecar, Edit.applyAll(SIDECAR, edits));
    clean(t.toString(), () -> BenchmarkTables.load(sidecar));
  }

  @Property(tries = TRIES, seed = SEED)
  void csvTables(@ForAll("edits") List<Edit> edits) throws IOException {
    Path sidecar = table("tiny.csv", Edit.applyAll(TABLE_CSV, edits), SIDECAR);
    clean(sidecar.getParent().toString(), () -> BenchmarkTables.load(sidecar));
  }

  @Property(tries = TRIES, seed = SEED)
  void codeKeyedJsonTables(@ForAll("edits") List<Edit> edits) throws IOException {
    Path sidecar = table("tiny-codes.json", Edit.applyAll(TABLE_CODES, edits), CODES_SIDECAR);
    clean(sidecar.getParent().toString(), () -> BenchmarkTables.load(sidecar));
  }

  /** Writes a mutated data file and its sidecar with the data's checksum, so the reader gets past the check. */
  private static Path table(String name, String data, String sidecarText) throws IOException {
    Path t = Files.createTempDirectory(dir, "table");
    write(t.resolve(name), data);
    Path sidecar = t.resolve("t.table.json");
    write(sidecar, sidecarText.replaceAll("\"sha256\": \"[0-9a-f]+\"",
        "\"sha256\": \"" + Checksums.sha256(Files.readAllBytes(t.resolve(name))) + "\""));
    return sidecar;
  }

  // --- the property

  /**
   * Runs {@code read} within the time limit: a result is fine; an exception must be bad input whose
   * message is one line naming {@code source}.
   */
  static void clean(String source, Supplier<Object> read) {
    try {
      assertTimeoutPreemptively(LIMIT, read::get, () -> "no result or error within " + LIMIT + " for " + source);
    } catch (RuntimeException e) {
      boolean badInput = e instanceof BadInput || e instanceof UncheckedIOException
          || (e instanceof IllegalArgumentException && !(e instanceof NumberFormatException));
      if (!badInput) {
        fail("not a clean error: " + e, e);
      }
      String m = e.getMessage();
      if (m == null || m.isBlank() || m.contains("\n") || m.contains("\r")) {
        fail("the message must be one line: " + m, e);
      }
      if (!m.contains(source)) {
        fail("the message does not name " + source + ": " + m, e);
      }
    }
  }

  /** UTF-8, except that a lone surrogate from a flip becomes the byte 0xFF: a file that is not UTF-8 text. */
  static void write(Path file, String text) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    String[] parts = text.split("\ud800", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.write(0xFF);
      }
      out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
    }
    Files.write(file, out.toByteArray());
  }

  private static String resource(String name) {
    try (InputStream in = ReadersFuzzTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
