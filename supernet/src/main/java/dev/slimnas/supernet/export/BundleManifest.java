package dev.slimnas.supernet.export;

import java.util.List;
import java.util.Objects;

/**
 * {@code bundle.json} of a slimmable bundle (schema {@value #SCHEMA}).
 *
 * @param space built-in space name, scaled by {@code widthMultiplier} (its base network)
 * @param ops op index of every block (the family's fixed ops)
 * @param lower smallest width multiplier of the family
 * @param upper the full network's multiplier
 * @param weights file name of the shared weights (the full network, DL4J zip) inside the bundle
 * @param weightsSha256 checksum of that file, verified on load
 * @param accuracyOn what {@link BundleConfig#accuracy()} was measured on
 */
public record BundleManifest(String space, double widthMultiplier, List<Integer> ops, double lower, double upper, String weights,
    String weightsSha256, String accuracyOn, List<BundleConfig> configs) {
  public static final String SCHEMA = "slimnas.slimmable-bundle";
  public static final int VERSION = 1;

  public BundleManifest {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(weightsSha256, "weightsSha256");
    Objects.requireNonNull(accuracyOn, "accuracyOn");
    ops = List.copyOf(ops);
    configs = List.copyOf(configs);
    if (configs.isEmpty()) {
      throw new IllegalArgumentException("a bundle needs at least one width configuration");
    }
  }
}
