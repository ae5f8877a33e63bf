package dev.slimnas.cli.space;

import dev.slimnas.cli.input.Spaces;
import dev.slimnas.cli.text.Table;
import dev.slimnas.cli.text.Units;
import dev.slimnas.space.cost.Cost;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slimnas space sample}: architectures drawn from a space with an explicit seed. */
@Command(name = "sample",
    footer = {"", "Examples:",
        "  slimnas space sample spnas-cifar --seed 1",
        "  slimnas space sample spnas-cifar --seed 1 --count 5 --out samples/",
        "  slimnas space sample spnas-224 --mode min"},
    mixinStandardHelpOptions = true,
    description = {"Sample architectures from a space and print them as JSON (one document after the other) "
        + "or write them to a folder with a provenance record beside each.",
        "Sample i of seed S is the same whatever --count is."})
public final class SpaceSampleCommand implements Callable<Integer> {
  /** How to pick architectures. */
  public enum Mode {
    /** Each op uniformly from its block's set, each width multiplier uniformly from the range. */
    uniform,
    /** The smallest architecture of the space. */
    min,
    /** The largest architecture of the space. */
    max
  }

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPACE", description = "A built-in space name or a space JSON file.")
  String space;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "Number of architectures (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "uniform",
      description = "uniform, min or max (default: ${DEFAULT-VALUE}).")
  Mode mode;

  @Option(names = "--out", paramLabel = "DIR", description = "Write <name>.json files (and provenance) here instead of printing.")
  Path out;

  @Override
  public Integer call() {
    if (count < 1 || count > 100_000) {
      throw new ParameterException(spec.commandLine(), "--count must be in 1..100000, got " + count);
    }
    if (mode != Mode.uniform && count != 1) {
      throw new ParameterException(spec.commandLine(), "--mode " + mode + " gives one architecture; --count must be 1");
    }
    SearchSpace s = Spaces.resolve(space);
    List<ArchSpec> archs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      archs.add(sample(s, mode, seed, i));
    }
    PrintWriter o = spec.commandLine().getOut();
    if (out == null) {
      archs.forEach(a -> o.print(SpecFiles.archJson(a)));
      return 0;
    }
    OutputPaths.createFolder(out, "--out");
    write(s, archs, o);
    return 0;
  }

  /** Architecture {@code index} of a run with {@code seed} (uniform mode) or the space's min / max. */
  public static ArchSpec sample(SearchSpace space, Mode mode, long seed, int index) {
    switch (mode) {
      case min:
        return space.min();
      case max:
        return space.max();
      default:
        SplittableRandom rng = new SplittableRandom(childSeed(seed, index));
        return space.sampleUniform(rng).withName(space.name() + "-s" + seed + "-" + index);
    }
  }

  /** A child seed derived by hashing the run seed, the purpose and the index (SplitMix64 finalizer). */
  static long childSeed(long seed, int index) {
    long z = seed * 0x9E3779B97F4A7C15L + "space-sample".hashCode() * 0xBF58476D1CE4E5B9L + index;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private void write(SearchSpace s, List<ArchSpec> archs, PrintWriter o) {
    String git = Provenance.captureGitCommit();
    Map<String, String> env = Provenance.captureEnvironment();
    String fingerprint = Json.fingerprint(s);
    Table t = Table.of("FILE", ">MACS", ">PARAMS", "OPS");
    for (int i = 0; i < archs.size(); i++) {
      ArchSpec a = archs.get(i);
      Path file = out.resolve(a.name() + ".json");
      SpecFiles.writeArch(file, a);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("command", "slimnas space sample " + space + " --seed " + seed + " --mode " + mode + " (index " + i + ")");
      details.put("space", s.name());
      details.put("mode", mode.name());
      details.put("index", i);
      new Provenance(file.getFileName().toString(), "architecture", Instant.now().toString(),
          mode == Mode.uniform ? seed : null, fingerprint, git, env, details).writeBeside(file);
      Cost c = CostModel.of(a);
      t.row(file, Units.si(c.macs()), Units.si(c.params()), SpaceCostCommand.opCodes(a));
    }
    o.print(t.render());
  }
}
