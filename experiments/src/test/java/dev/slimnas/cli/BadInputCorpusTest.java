package dev.slimnas.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.slimnas.latency.profile.ProfileCsv;
import dev.slimnas.latency.profile.ProxylessFormat;
import dev.slimnas.space.io.Checksums;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus of issue 16: every case writes a bad file or passes a bad option and expects exit
 * code 2, exactly one line on stderr naming the file (and the line, field or option where one applies),
 * nothing on stdout and no stack trace. Runs in-process; no case trains or reads CIFAR-10 (every case runs
 * with an empty data folder, so a case that wrongly got past its check would fail fast, not train).
 */
class BadInputCorpusTest {
  @TempDir
  Path dir;

  /** What a case runs and what its one line must contain. */
  record Run(List<String> args, List<String> fragments, Path data) {
    static Run of(String... args) {
      return new Run(List.of(args), List.of(), null);
    }

    Run expect(Object... fragments) {
      return new Run(args, Arrays.stream(fragments).map(String::valueOf).toList(), data);
    }

    Run data(Path folder) {
      return new Run(args, fragments, folder);
    }

    Run withArg(String... more) {
      List<String> a = new ArrayList<>(args);
      a.addAll(List.of(more));
      return new Run(List.copyOf(a), fragments, data);
    }

    /** The same run with another {@code --out}. */
    Run withOut(Path out) {
      List<String> a = new ArrayList<>(args);
      a.set(a.indexOf("--out") + 1, out.toString());
      return new Run(List.copyOf(a), fragments, data);
    }
  }

  /** A case: its class (arch, space, ...), a name, and how it sets up its files in a fresh folder. */
  record Case(String kind, String name, Setup setup) {
    @Override
    public String toString() {
      return kind + ": " + name;
    }
  }

  @FunctionalInterface
  interface Setup {
    Run in(Path dir) throws IOException;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exitsTwoWithOneLineNamingTheInput(Case c) throws IOException {
    Run run = c.setup().in(dir);
    Path data = run.data() != null ? run.data() : Files.createDirectories(dir.resolve("empty-data"));
    Cli.Result r = Cli.runWithData(data, run.args().toArray(String[]::new));
    ErrorsTest.assertUsageError(r, run.fragments().toArray(String[]::new));
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r::toString);
  }

  static Stream<Case> cases() {
    List<Case> all = new ArrayList<>();
    all.addAll(arch());
    all.addAll(space());
    all.addAll(latency());
    all.addAll(trainConfigs());
    all.addAll(bundles());
    all.addAll(transfer());
    all.addAll(data());
    all.addAll(options());
    all.addAll(outputs());
    return all.stream();
  }

  // --- architecture files

  static final String ARCH = SpecFiles.archJson(ReferenceNetworks.singlePathNasFinalCifar());

  static Path write(Path dir, String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return f;
  }

  static Path arch(Path dir, String from, String to) throws IOException {
    if (!ARCH.contains(from)) {
      throw new IllegalStateException("the fixture has no '" + from + "'");
    }
    return write(dir, "arch.json", ARCH.replaceFirst(java.util.regex.Pattern.quote(from), to));
  }

  static List<Case> arch() {
    return List.of(
        new Case("arch", "missing file", d -> Run.of("space", "cost", d.resolve("nope.json").toString())
            .expect(d.resolve("nope.json"), "file not found")),
        new Case("arch", "empty file", d -> Run.of("space", "cost", write(d, "a.json", "").toString())
            .expect(d.resolve("a.json"), "expected a JSON object")),
        new Case("arch", "binary file", d -> {
          Path f = d.resolve("a.json");
          Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80});
          return Run.of("space", "cost", f.toString()).expect(f, "not UTF-8");
        }),
        new Case("arch", "malformed JSON", d -> Run.of("space", "cost", arch(d, "\"name\" :", "\"name\"").toString())
            .expect(d.resolve("arch.json"), "line ", "column")),
        new Case("arch", "a space file given as an architecture", d -> {
          Path f = write(d, "space.json", SpecFiles.spaceJson(SearchSpaces.singlePathNasCifar()));
          return Run.of("space", "cost", f.toString()).expect(f, "$.schema", "slimnas.space");
        }),
        new Case("arch", "unsupported version", d -> Run.of("space", "cost", arch(d, "\"version\" : 1", "\"version\" : 99").toString())
            .expect(d.resolve("arch.json"), "$.version", "99")),
        new Case("arch", "a fraction where an integer belongs", d ->
            Run.of("latency", "predict", "--device", "macs", arch(d, "\"classes\" : 10", "\"classes\" : 10.5").toString())
                .expect(d.resolve("arch.json"), "$.classes", "expected an integer, got 10.5")),
        new Case("arch", "unknown field", d -> Run.of("space", "cost", arch(d, "\"dropout\"", "\"colour\" : 1, \"dropout\"").toString())
            .expect(d.resolve("arch.json"), "$.head", "unknown field 'colour'")),
        new Case("arch", "negative channel count", d -> Run.of("space", "cost", arch(d, "\"out\" : 320", "\"out\" : -3").toString())
            .expect(d.resolve("arch.json"), "$.stages[6]", "stage out", "-3")),
        new Case("arch", "a billion channels (space cost)", d ->
            Run.of("space", "cost", arch(d, "\"out\" : 320", "\"out\" : 1000000000").toString())
                .expect(d.resolve("arch.json"), "$.stages[6]", "1000000000", "1048576")),
        new Case("arch", "a billion channels (latency predict)", d ->
            Run.of("latency", "predict", "--device", "pixel1-proxylessnas-fit", arch(d, "\"channels\" : 1280", "\"channels\" : 1000000000")
                .toString()).expect(d.resolve("arch.json"), "$.head", "head.channels", "1048576")),
        new Case("arch", "a channel count beyond int", d -> Run.of("space", "cost", arch(d, "\"out\" : 320", "\"out\" : 99999999999").toString())
            .expect(d.resolve("arch.json"), "$.stages[6].out", "99999999999")),
        new Case("arch", "an op code whose kernel overflows", d -> Run.of("space", "cost", arch(d, "\"k5e6\"", "\"k99999999999e6\"").toString())
            .expect(d.resolve("arch.json"), ".op", "kernel 99999999999")),
        new Case("arch", "an even kernel", d -> Run.of("space", "cost", arch(d, "\"k5e6\"", "\"k4e6\"").toString())
            .expect(d.resolve("arch.json"), ".op", "kernel must be odd")),
        new Case("arch", "outside the space", d ->
            Run.of("space", "cost", arch(d, "\"k5e6\"", "\"k7e6\"").toString(), "--space", "spnas-cifar")
                .expect(d.resolve("arch.json"), "block ", "k7e6")));
  }

  // --- space files

  static final String SPACE = SpecFiles.spaceJson(SearchSpaces.singlePathNasCifar());

  static Path space(Path dir, String from, String to) throws IOException {
    if (!SPACE.contains(from)) {
      throw new IllegalStateException("the fixture has no '" + from + "'");
    }
    return write(dir, "space.json", SPACE.replaceFirst(java.util.regex.Pattern.quote(from), to));
  }

  static List<Case> space() {
    return List.of(
        new Case("space", "integer overflow of a stage width", d -> Run.of("space", "show", space(d, "\"out\" : 24", "\"out\" : 1000000000")
            .toString()).expect(d.resolve("space.json"), "$.stages[1]", "1000000000")),
        new Case("space", "a hidden width that overflows (base x expansion)", d ->
            Run.of("space", "sample", space(d, "\"out\" : 24", "\"out\" : 500000").toString())
                .expect(d.resolve("space.json"), "stages[1].blocks[1]", "expansion 6", "1048576")),
        new Case("space", "a huge widths.max", d -> Run.of("space", "show", space(d, "\"max\" : 1.0", "\"max\" : 1e300").toString())
            .expect(d.resolve("space.json"), "widths.max", "1048576")),
        new Case("space", "widths.min above widths.max", d -> Run.of("space", "show", space(d, "\"min\" : 0.25", "\"min\" : 2.0").toString())
            .expect(d.resolve("space.json"), "min", "max")),
        new Case("space", "missing field", d -> Run.of("space", "show", space(d, "\"seRatio\"", "\"seRatioX\"").toString())
            .expect(d.resolve("space.json"), "seRatio")),
        new Case("space", "an unknown op", d -> Run.of("space", "show", space(d, "\"k3e3\"", "\"conv9\"").toString())
            .expect(d.resolve("space.json"), "$.stages", "'conv9' is not an op code")),
        new Case("space", "an architecture file given as a space", d -> {
          Path f = write(d, "a.json", ARCH);
          return Run.of("space", "show", f.toString()).expect(f, "$.schema", "slimnas.arch");
        }));
  }

  // --- latency tables and profiles

  static final String PROFILE_CSV = ProfileCsv.format(ProxylessFormat.pixel1());
  static final String YAML_HEAD = "Conv-input:224x224x3-output:112x112x32:\n  count: 949\n  mean: 4.39\n  var: 0.15\n";

  static List<Case> latency() {
    return List.of(
        new Case("latency", "missing profile", d -> Run.of("latency", "fit", d.resolve("p.csv").toString())
            .expect(d.resolve("p.csv"), "file not found")),
        new Case("latency", "not a profile", d -> Run.of("latency", "fit", write(d, "p.txt", "hello\nworld\n").toString())
            .expect(d.resolve("p.txt"), "not a profile")),
        new Case("latency", "a profile CSV with NaN", d -> {
          String[] lines = PROFILE_CSV.split("\n");
          lines[3] = lines[3].replaceFirst(",[0-9.]+(,[^,]*)$", ",NaN$1");
          return Run.of("latency", "fit", write(d, "p.csv", String.join("\n", lines)).toString()).expect(d.resolve("p.csv"), "line 4");
        }),
        new Case("latency", "a profile CSV measuring one part twice", d -> {
          String[] lines = PROFILE_CSV.split("\n");
          return Run.of("latency", "fit", write(d, "p.csv", PROFILE_CSV + lines[3] + "\n").toString())
              .expect(d.resolve("p.csv"), "measures the same part as line 4");
        }),
        new Case("latency", "a profile CSV with a short row", d -> Run.of("latency", "fit", write(d, "p.csv",
            ProfileCsv.HEADER + "\nblock,1,2\n").toString()).expect(d.resolve("p.csv"), "line 2")),
        new Case("latency", "a profile JSON that is malformed", d -> Run.of("latency", "fit",
            write(d, "p.json", ProxylessFormat.pixel1().toJson().replaceFirst("\\{", "[")).toString()).expect(d.resolve("p.json"))),
        new Case("latency", "ProxylessNAS YAML: NaN mean", d -> Run.of("latency", "fit",
            write(d, "t.yaml", YAML_HEAD.replace("4.39", "NaN")).toString()).expect(d.resolve("t.yaml"), "Conv-input:224x224x3", "NaN")),
        new Case("latency", "ProxylessNAS YAML: a size beyond int", d -> Run.of("latency", "fit",
            write(d, "t.yaml", YAML_HEAD.replace("224x224x3", "99999999999x224x3")).toString())
                .expect(d.resolve("t.yaml"), "99999999999", "out of range")),
        new Case("latency", "ProxylessNAS CSV: a 0x0 stem output", d -> Run.of("latency", "fit",
            write(d, "t.csv", "key,count,mean_ms,var_ms2\nConv-input:224x224x3-output:0x0x32,1,4.0,0.1\n").toString())
                .expect(d.resolve("t.csv"), "Conv-input:224x224x3-output:0x0x32")),
        new Case("latency", "ProxylessNAS CSV: a count beyond int", d -> Run.of("latency", "fit",
            write(d, "t.csv", "key,count,mean_ms,var_ms2\nConv-input:224x224x3-output:112x112x32,99999999999,4.0,0.1\n").toString())
                .expect(d.resolve("t.csv"), "line 2")));
  }

  // --- train configs (read before the data and the run folder)

  static final String TRAIN = TrainConfig.cifarDefaults().toJson();

  static Run train(Path dir, String from, String to) throws IOException {
    if (!TRAIN.contains(from)) {
      throw new IllegalStateException("the fixture has no '" + from + "'");
    }
    Path f = write(dir, "train.json", TRAIN.replaceFirst(java.util.regex.Pattern.quote(from), to));
    return Run.of("train", "--ref", "mobilenetv2-0.25-cifar", "--config", f.toString(), "--out", dir.resolve("run").toString());
  }

  static List<Case> trainConfigs() {
    return List.of(
        new Case("train config", "missing", d -> Run.of("train", "--ref", "mobilenetv2-0.25-cifar", "--config",
            d.resolve("t.json").toString(), "--out", d.resolve("run").toString()).expect(d.resolve("t.json"), "file not found")),
        new Case("train config", "fractional epochs", d -> train(d, "\"epochs\" : ", "\"epochs\" : 1.5, \"x\" : ")
            .expect(d.resolve("train.json"), "$.epochs", "expected an integer, got 1.5")),
        new Case("train config", "a negative learning rate", d -> train(d, "\"lr\" : ", "\"lr\" : -1, \"y\" : ")
            .expect(d.resolve("train.json"), "lr")),
        new Case("train config", "an unknown optimizer", d -> train(d, "\"sgd\"", "\"adamw9\"")
            .expect(d.resolve("train.json"), "$.optimizer", "adamw9")),
        new Case("train config", "an architecture given as a config", d -> {
          Path f = write(d, "a.json", ARCH);
          return Run.of("train", "--ref", "mobilenetv2-0.25-cifar", "--config", f.toString(), "--out", d.resolve("run").toString())
              .expect(f, "$.schema");
        }));
  }

  // --- slimmable bundles (export --bundle)

  static final byte[] WEIGHTS = "not a network".getBytes(StandardCharsets.UTF_8);

  static String manifest(String weights, String sha, List<Integer> ops, String space, double ms, int widths) {
    SearchSpace s = SearchSpaces.get("spnas-cifar", 1.0);
    SlimmableFamily f = SlimmableFamily.uniformOps(s, 0);
    BundleConfig c = new BundleConfig(Collections.nCopies(widths < 0 ? f.dimensions() : widths, 0.5), 0.9,
        Map.of("pixel1-proxylessnas-fit", 12.5), Map.of("stem_mean", new float[] {0.1f}));
    String json = Json.toJson(BundleManifest.SCHEMA, BundleManifest.VERSION, new BundleManifest(space, 1.0,
        ops == null ? f.ops().asList() : ops, 0.25, 1.0, weights, sha, "search-val", List.of(c)));
    return ms > 0 ? json : json.replace("12.5", String.valueOf(ms));
  }

  static Run export(Path dir, String manifest) throws IOException {
    Path b = dir.resolve("bundle");
    Files.createDirectories(b);
    Files.write(b.resolve(SlimmableModel.WEIGHTS), WEIGHTS);
    write(b, SlimmableModel.MANIFEST, manifest);
    return Run.of("export", "--bundle", b.toString(), "--budget-ms", "40", "--out", dir.resolve("m.zip").toString());
  }

  static List<Case> bundles() {
    String sha = Checksums.sha256(WEIGHTS);
    List<Integer> ops = SlimmableFamily.uniformOps(SearchSpaces.get("spnas-cifar", 1.0), 0).ops().asList();
    List<Integer> badOps = new ArrayList<>(ops);
    badOps.set(1, 9);
    return List.of(
        new Case("bundle", "a folder without bundle.json", d -> Run.of("export", "--bundle", Files.createDirectories(d.resolve("b")).toString(),
            "--budget-ms", "40", "--out", d.resolve("m.zip").toString()).expect(d.resolve("b"), "bundle.json is missing")),
        new Case("bundle", "weights outside the folder (..)", d -> export(d, manifest("../other/weights.zip", sha, null, "spnas-cifar", 1, -1))
            .expect("bundle.json", "$.weights", "leaves")),
        new Case("bundle", "weights at an absolute path", d -> export(d, manifest("/etc/hostname", sha, null, "spnas-cifar", 1, -1))
            .expect("bundle.json", "$.weights", "absolute")),
        new Case("bundle", "a negative latency", d -> export(d, manifest("weights.zip", sha, null, "spnas-cifar", -5, -1))
            .expect("bundle.json", "latencyMs", "-5.0")),
        new Case("bundle", "widths of the wrong length", d -> export(d, manifest("weights.zip", sha, null, "spnas-cifar", 1, 3))
            .expect("bundle.json", "$.configs[0].widths", "3 multipliers")),
        new Case("bundle", "weights that are not the recorded ones", d -> export(d, manifest("weights.zip", "0".repeat(64), null,
            "spnas-cifar", 1, -1)).expect("weights.zip", "SHA-256", "bundle.json")),
        new Case("bundle", "an op index outside its block", d -> export(d, manifest("weights.zip", sha, badOps, "spnas-cifar", 1, -1))
            .expect("bundle.json", "ops[1] = 9")),
        new Case("bundle", "an unknown space", d -> export(d, manifest("weights.zip", sha, null, "resnet", 1, -1))
            .expect("bundle.json", "resnet")));
  }

  // --- transfer inputs

  static final String PROXY_RESULT;
  static final String TARGET;

  static {
    SearchSpace proxy = SearchSpaces.get("spnas-cifar", 0.5);
    int[] ops = new int[proxy.blockCount()];
    double[] full = new double[proxy.widthGroups().size()];
    Arrays.fill(full, 1.0);
    double[] slim = full.clone();
    for (int i = 0; i < slim.length; i += 2) {
      slim[i] = 0.5;
    }
    PROXY_RESULT = TransferFiles.proxyResultJson(new ProxyResult(new ProxySpec(Depth.full(), 0.5, 1.0, 1.0),
        proxy.decode(ArchEncoding.of(ops, full)), proxy.decode(ArchEncoding.of(ops, slim)), "manual", new Schedule(50_000, 10)));
    TARGET = SpecFiles.archJson(SearchSpaces.get("spnas-cifar", 1.0).decode(ArchEncoding.of(ops, full)));
  }

  static Run transfer(Path dir, String proxyResult, String target) throws IOException {
    Path from = write(dir, "proxy-result.json", proxyResult);
    Path to = write(dir, "target.json", target);
    return Run.of("transfer", "--from", from.toString(), "--to", to.toString(), "--out", dir.resolve("out").toString());
  }

  static List<Case> transfer() {
    return List.of(
        new Case("transfer", "--from missing", d -> Run.of("transfer", "--from", d.resolve("p.json").toString(), "--to",
            write(d, "t.json", TARGET).toString(), "--out", d.resolve("out").toString()).expect(d.resolve("p.json"), "file not found")),
        new Case("transfer", "--from is an architecture", d -> transfer(d, TARGET, TARGET)
            .expect(d.resolve("proxy-result.json"), "$.schema")),
        new Case("transfer", "--to malformed", d -> transfer(d, PROXY_RESULT, TARGET.substring(0, TARGET.length() / 2))
            .expect(d.resolve("target.json"), "line ")),
        new Case("transfer", "an optimized width 24x its baseline", d -> {
          // the optimized proxy network's head conv (its first "channels"): 640 -> 15360, 24x its baseline
          int at = PROXY_RESULT.indexOf("\"channels\" : ", PROXY_RESULT.indexOf("\"optimized\""));
          String bad = PROXY_RESULT.substring(0, at) + PROXY_RESULT.substring(at).replaceFirst("\\d+", "15360");
          return transfer(d, bad, TARGET).expect(d.resolve("proxy-result.json"), "head", "15360");
        }),
        new Case("transfer", "a proxy spec with a width multiplier of 0", d -> {
          Path p = write(d, "proxy.json", TransferFiles.proxyJson(new ProxySpec(Depth.full(), 0.5, 1.0, 1.0)).replace("0.5", "0"));
          return Run.of("optimize-widths", "--proxy", p.toString(), "--out", d.resolve("out").toString())
              .expect(p, "widthMultiplier");
        }),
        new Case("transfer", "a proxy spec that is not JSON", d -> {
          Path p = write(d, "proxy.json", "depth: full\n");
          return Run.of("optimize-widths", "--proxy", p.toString(), "--out", d.resolve("out").toString()).expect(p, "line 1");
        }));
  }

  // --- data folders (only checked and checksummed, never decoded)

  static List<Case> data() {
    return List.of(
        new Case("data", "the data folder does not exist", d -> Run.of("train", "--ref", "mobilenetv2-0.25-cifar", "--epochs", "1",
            "--out", d.resolve("run").toString()).data(d.resolve("no-such-folder")).expect(d.resolve("no-such-folder"), "not a directory")),
        new Case("data", "the data folder is a file", d -> Run.of("train", "--ref", "mobilenetv2-0.25-cifar", "--epochs", "1",
            "--out", d.resolve("run").toString()).data(write(d, "data", "x")).expect(d.resolve("data"), "not a directory")),
        new Case("data", "an empty data folder", d -> Run.of("train", "--ref", "mobilenetv2-0.25-cifar", "--epochs", "1",
            "--out", d.resolve("run").toString()).data(Files.createDirectories(d.resolve("data")))
            .expect(d.resolve("data").resolve("cifar10"), "is missing")),
        new Case("data", "a truncated archive", d -> {
          Path data = Files.createDirectories(d.resolve("data/cifar10"));
          Files.write(data.resolve("cifar10_jpg_q75.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
          return Run.of("train", "--ref", "mobilenetv2-0.25-cifar", "--epochs", "1", "--out", d.resolve("run").toString())
              .data(data.getParent()).expect("cifar10_jpg_q75.tar.gz", "damaged");
        }),
        new Case("data", "an empty archive", d -> {
          Path data = Files.createDirectories(d.resolve("data/cifar10"));
          Files.write(data.resolve("cifar10_jpg_q75.tar.gz"), new byte[0]);
          return Run.of("train", "--ref", "mobilenetv2-0.25-cifar", "--epochs", "1", "--out", d.resolve("run").toString())
              .data(data.getParent()).expect("cifar10_jpg_q75.tar.gz", "damaged");
        }),
        new Case("data", "a benchmark table that is not there", d -> Run.of("benchmark", "run", "--table",
            d.resolve("t.table.json").toString(), "--out", d.resolve("b").toString()).expect(d.resolve("t.table.json"), "file not found")),
        new Case("data", "a benchmark table outside its sidecar's folder", d -> {
          Path sidecar = write(d, "t/t.table.json", Files.readString(
              Path.of(System.getProperty("user.dir")).getParent().resolve("data/nas-bench-macro/nas-bench-macro.table.json"))
              .replaceFirst("\"file\"\\s*:\\s*\"[^\"]*\"", "\"file\" : \"../../x.json\""));
          return Run.of("benchmark", "run", "--table", sidecar.toString(), "--out", d.resolve("b").toString())
              .expect(sidecar, "$.file", "leaves");
        }));
  }

  // --- options

  static List<Case> options() {
    return List.of(
        new Case("option", "train --epochs 0", d -> Run.of("train", "--ref", "mobilenetv2-0.25-cifar", "--epochs", "0", "--out",
            d.resolve("run").toString()).expect("epochs")),
        new Case("option", "train --batch -1", d -> Run.of("train", "--ref", "mobilenetv2-0.25-cifar", "--batch", "-1", "--out",
            d.resolve("run").toString()).expect("batch")),
        new Case("option", "train --lr abc", d -> Run.of("train", "--ref", "mobilenetv2-0.25-cifar", "--lr", "abc", "--out",
            d.resolve("run").toString()).expect("--lr", "abc")),
        new Case("option", "space sample --count -1", d -> Run.of("space", "sample", "spnas-cifar", "--count", "-1").expect("--count")),
        new Case("option", "space sample --mode median", d -> Run.of("space", "sample", "spnas-cifar", "--mode", "median")
            .expect("--mode", "median")),
        new Case("option", "latency fit --folds 1", d -> Run.of("latency", "fit", "--folds", "1").expect("--folds")),
        new Case("option", "latency predict --device unknown", d -> Run.of("latency", "predict", "--device", "pixel9", "--ref",
            "spnas-final-224").expect("pixel9")),
        new Case("option", "export --budget-ms -5", d -> Run.of("export", "--bundle", d.toString(), "--budget-ms", "-5", "--out",
            d.resolve("m.zip").toString()).expect("--budget-ms", "-5")),
        new Case("option", "transfer --stacking diagonal", d -> transfer(d, PROXY_RESULT, TARGET).withArg("--stacking", "diagonal")
            .expect("diagonal")),
        new Case("option", "transfer --width-range with one number", d -> transfer(d, PROXY_RESULT, TARGET).withArg("--width-range", "0.25")
            .expect("--width-range")),
        new Case("option", "benchmark run --evaluations 0", d -> Run.of("benchmark", "run", "--table", "nas-bench-macro", "--evaluations",
            "0", "--out", d.resolve("b").toString()).expect("--evaluations")));
  }

  // --- output paths

  static List<Case> outputs() {
    return List.of(
        new Case("output", "transfer --out is a file", d -> {
          Path f = write(d, "afile", "x");
          Run t = transfer(d, PROXY_RESULT, TARGET);
          return t.withOut(f).expect("--out", f, "is a file, not a folder");
        }),
        new Case("output", "transfer --out under a file", d -> {
          Path f = write(d, "afile", "x");
          return transfer(d, PROXY_RESULT, TARGET).withOut(f.resolve("sub")).expect("--out", f, "is a file, not a folder");
        }),
        new Case("output", "space sample --out is a file", d -> {
          Path f = write(d, "afile", "x");
          return Run.of("space", "sample", "spnas-cifar", "--out", f.toString()).expect("--out", f, "is a file, not a folder");
        }),
        new Case("output", "train --out is a file", d -> {
          Path f = write(d, "afile", "x");
          return Run.of("train", "--ref", "mobilenetv2-0.25-cifar", "--epochs", "1", "--out", f.toString())
              .expect("--out", f, "is a file, not a folder");
        }),
        new Case("output", "optimize-widths --out under a file", d -> {
          Path f = write(d, "afile", "x");
          return Run.of("optimize-widths", "--out", f.resolve("a/b").toString()).expect("--out", f, "is a file, not a folder");
        }),
        new Case("output", "export --out is a folder", d -> Run.of("export", "--bundle", d.resolve("b").toString(), "--budget-ms", "40",
            "--out", d.toString()).expect("--out", d, "is a folder, not a file")),
        new Case("output", "latency profile --out under a file", d -> {
          Path f = write(d, "afile", "x");
          return Run.of("latency", "profile", "--out", f.resolve("p.json").toString()).expect("--out", f, "is a file, not a folder");
        }),
        new Case("output", "experiment slimmable --out is a file", d -> {
          Path f = write(d, "afile", "x");
          return Run.of("experiment", "slimmable", "--out", f.toString()).expect("--out", f, "is a file, not a folder");
        }),
        new Case("output", "bench kernels --out under a file", d -> {
          Path f = write(d, "afile", "x");
          return Run.of("bench", "kernels", "--out", f.resolve("b").toString()).expect("--out", f, "is a file, not a folder");
        }),
        new Case("output", "benchmark run --out is a file", d -> {
          Path f = write(d, "afile", "x");
          return Run.of("benchmark", "run", "--table", "nas-bench-macro", "--out", f.toString())
              .expect("--out", f, "is a file, not a folder");
        }));
  }
}
