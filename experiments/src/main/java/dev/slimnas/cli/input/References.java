package dev.slimnas.cli.input;

import dev.slimnas.space.bench.NasBenchMacroCodes;
import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.spec.ArchSpec;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference networks by name: {@code spnas-final-224}, {@code spnas-final-cifar} and
 * {@code mobilenetv2-<width multiplier>-224|cifar}, e.g. {@code mobilenetv2-0.75-224}, and the
 * NAS-Bench-Macro networks {@code nas-bench-macro-<code>}, e.g. {@code nas-bench-macro-02012100}.
 */
public final class References {
  /** The names listed in help texts and written to {@code examples/arch}. */
  public static final List<String> NAMES =
      List.of("spnas-final-224", "spnas-final-cifar", "mobilenetv2-1.0-224", "mobilenetv2-1.0-cifar", "nas-bench-macro-02012100");

  private static final String NAS_BENCH_MACRO = "nas-bench-macro-";

  private static final Pattern MOBILENET = Pattern.compile("mobilenetv2-([0-9]+(?:\\.[0-9]+)?)-(224|cifar)");

  private References() {}

  /** The reference network called {@code name}; an unknown name gives an error listing the known ones. */
  public static ArchSpec get(String name) {
    switch (name) {
      case "spnas-final-224":
        return ReferenceNetworks.singlePathNasFinal();
      case "spnas-final-cifar":
        return ReferenceNetworks.singlePathNasFinalCifar();
      default:
        break;
    }
    if (name.startsWith(NAS_BENCH_MACRO)) {
      return NasBenchMacroCodes.arch(name.substring(NAS_BENCH_MACRO.length()));
    }
    Matcher m = MOBILENET.matcher(name);
    if (m.matches()) {
      double wm = Double.parseDouble(m.group(1));
      if (!(wm > 0 && wm <= 4)) {
        throw new IllegalArgumentException("reference '" + name + "': width multiplier must be in (0, 4], got " + m.group(1));
      }
      return m.group(2).equals("224") ? ReferenceNetworks.mobileNetV2(wm) : ReferenceNetworks.mobileNetV2Cifar(wm);
    }
    throw new IllegalArgumentException("unknown reference network '" + name + "'; known: "
        + String.join(", ", NAMES) + " (any width multiplier: mobilenetv2-<wm>-224|cifar; any NAS-Bench-Macro code:"
        + " nas-bench-macro-<8 digits 0-2>)");
  }
}
