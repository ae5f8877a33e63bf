package dev.slimnas.supernet.export;

import com.google.common.primitives.ImmutableIntArray;
import dev.slimnas.space.io.Checksums;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.DocumentPaths;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFileException;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.slim.PrefixParams;
import dev.slimnas.supernet.slim.SlimmableFamily;
import dev.slimnas.supernet.train.GraphFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A loaded slimmable bundle: shared weights plus a Pareto set of width configurations.
 * {@link #select(double, String)} picks the most accurate configuration whose predicted latency on the
 * device is within the budget and returns its stand-alone network: the prefix slices of the shared
 * weights and the configuration's own recalibrated BN statistics, i.e. exactly the sub-network the
 * bundle's accuracy was measured on.
 */
public final class SlimmableModel {
  public static final String MANIFEST = "bundle.json";
  public static final String WEIGHTS = "weights.zip";
  private final Path dir;
  private final BundleManifest manifest;
  private final SlimmableFamily family;
  private final ComputationGraph full;

  private SlimmableModel(Path dir, BundleManifest manifest, ComputationGraph full) {
    this.dir = dir;
    this.manifest = manifest;
    this.full = full;
    this.family = family(manifest);
  }

  private static SlimmableFamily family(BundleManifest m) {
    return new SlimmableFamily(SearchSpaces.get(m.space(), m.widthMultiplier()),
        ImmutableIntArray.copyOf(m.ops()), m.lower(), m.upper());
  }

  /** Writes a bundle into {@code dir}: manifest, shared weights, provenance beside both. */
  public static Path write(Path dir, BundleManifest draft, ComputationGraph full, Map<String, Object> provenance) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    Path weights = dir.resolve(WEIGHTS);
    GraphFiles.write(full, weights, false);
    BundleManifest m = new BundleManifest(draft.space(), draft.widthMultiplier(), draft.ops(), draft.lower(), draft.upper(), WEIGHTS,
        Checksums.sha256(weights), draft.accuracyOn(), draft.configs());
    family(m); // validates space, ops and range
    Path manifestFile = dir.resolve(MANIFEST);
    Json.write(manifestFile, BundleManifest.SCHEMA, BundleManifest.VERSION, m);
    Provenance.of(MANIFEST, "slimmable-bundle", null, m.weightsSha256(), provenance).writeBeside(manifestFile);
    return manifestFile;
  }

  /** Loads the bundle in {@code dir}; the weights' checksum must match the manifest. */
  public static SlimmableModel load(Path dir) {
    Path manifestFile = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw new IllegalArgumentException(dir + " is not a slimmable bundle: " + MANIFEST + " is missing");
    }
    BundleManifest m = Json.read(manifestFile, BundleManifest.SCHEMA, BundleManifest.VERSION, BundleManifest.class);
    Path weights = DocumentPaths.inside(dir, m.weights(), manifestFile, "$.weights");
    if (!Files.isRegularFile(weights)) {
      throw new IllegalArgumentException(manifestFile + ": weights file " + weights + " is missing");
    }
    String sha = Checksums.sha256(weights);
    if (!sha.equals(m.weightsSha256())) {
      throw new IllegalArgumentException(weights + ": SHA-256 " + sha + " differs from " + m.weightsSha256() + " in " + manifestFile
          + " (corrupt or replaced weights)");
    }
    checkWidths(m, manifestFile);
    return new SlimmableModel(dir, m, GraphFiles.read(weights, false));
  }

  /** Every configuration has one multiplier per width group of the bundle's family, inside its range. */
  private static void checkWidths(BundleManifest m, Path manifestFile) {
    SlimmableFamily f;
    try {
      f = family(m);
    } catch (IllegalArgumentException e) { // unknown space, ops or range: the family does not know the file
      throw new SpecFileException(manifestFile + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < m.configs().size(); i++) {
      List<Double> w = m.configs().get(i).widths();
      if (w.size() != f.dimensions()) {
        throw new SpecFileException(manifestFile + ": at $.configs[" + i + "].widths: " + w.size()
            + " multipliers, but the bundle's family (" + m.space() + ") has " + f.dimensions() + " width groups");
      }
      for (int j = 0; j < w.size(); j++) {
        if (w.get(j) < m.lower() - 1e-9 || w.get(j) > m.upper() + 1e-9) {
          throw new SpecFileException(manifestFile + ": at $.configs[" + i + "].widths[" + j + "]: " + w.get(j)
              + " is outside the bundle's range [" + m.lower() + ", " + m.upper() + "]");
        }
      }
    }
  }

  public BundleManifest manifest() {
    return manifest;
  }

  public SlimmableFamily family() {
    return family;
  }

  /** The most accurate configuration with predicted latency on {@code device} at most {@code budgetMs}. */
  public Optional<BundleConfig> best(double budgetMs, String device) {
    return manifest.configs().stream()
        .filter(c -> latency(c, device) <= budgetMs)
        .max(Comparator.comparingDouble(BundleConfig::accuracy));
  }

  private double latency(BundleConfig c, String device) {
    Double ms = c.latencyMs().get(device);
    if (ms == null) {
      throw new IllegalArgumentException(dir + ": no latency for device '" + device + "' in the bundle; it has "
          + c.latencyMs().keySet());
    }
    return ms;
  }

  /** The stand-alone network for {@code budgetMs}; fails naming the budget and the fastest configuration when none fits. */
  public ComputationGraph select(double budgetMs, String device) {
    return network(best(budgetMs, device).orElseThrow(() -> {
      BundleConfig fastest = manifest.configs().stream().min(Comparator.comparingDouble(c -> latency(c, device))).orElseThrow();
      return new IllegalArgumentException(String.format(Locale.ROOT,
          "no configuration of %s fits %.2f ms on %s; the fastest takes %.2f ms (accuracy %.2f%%)", dir, budgetMs, device,
          latency(fastest, device), 100 * fastest.accuracy()));
    }));
  }

  /** The architecture of a configuration. */
  public ArchSpec arch(BundleConfig c) {
    return family.arch(c.widthArray());
  }

  /** The stand-alone network of configuration {@code c}: prefix slices of the shared weights, its BN statistics. */
  public ComputationGraph network(BundleConfig c) {
    ComputationGraph g = Networks.build(arch(c), NetSettings.defaults(0).withDataType(full.getConfiguration().getDataType()));
    PrefixParams.copyInto(full, g);
    for (Map.Entry<String, float[]> e : c.bnStatistics().entrySet()) {
      INDArray p = g.getParam(e.getKey());
      if (p == null || p.length() != e.getValue().length) {
        throw new IllegalArgumentException(dir + ": BN statistic " + e.getKey() + " does not fit the network of configuration "
            + c.widths());
      }
      p.assign(Nd4j.createFromArray(e.getValue()).reshape(p.shape()).castTo(p.dataType()));
    }
    return g;
  }

  /** The BN running statistics of {@code g} (e.g. right after recalibration), for a {@link BundleConfig}. */
  public static Map<String, float[]> bnStatistics(ComputationGraph g) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, INDArray> e : g.paramTable().entrySet()) {
      String param = e.getKey().substring(e.getKey().lastIndexOf('_') + 1);
      if (param.equals(BatchNormalizationParamInitializer.GLOBAL_MEAN) || param.equals(BatchNormalizationParamInitializer.GLOBAL_VAR)) {
        out.put(e.getKey(), e.getValue().dup().reshape(-1).toFloatVector());
      }
    }
    return out;
  }
}
