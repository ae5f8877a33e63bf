package dev.slimnas.cli.input;

import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The architecture a command works on: an architecture JSON file or {@code --ref NAME}, exactly one. */
public final class ArchOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Parameters(index = "0", arity = "0..1", paramLabel = "ARCH.json",
      description = "Architecture file (schema slimnas.arch), e.g. examples/arch/spnas-final-224.json.")
  Path file;

  @Option(names = "--ref", paramLabel = "NAME",
      description = "A reference network instead of a file: spnas-final-224, spnas-final-cifar, "
          + "mobilenetv2-<wm>-224, mobilenetv2-<wm>-cifar (e.g. mobilenetv2-1.0-224), "
          + "nas-bench-macro-<code> (e.g. nas-bench-macro-02012100).")
  String ref;

  /** The architecture; with a space, also checks that it belongs to that space. */
  public ArchSpec load(SearchSpace space) {
    if ((file == null) == (ref == null)) {
      throw new ParameterException(mixee.commandLine(), file == null
          ? "give an architecture: ARCH.json or --ref NAME"
          : "give either ARCH.json or --ref NAME, not both");
    }
    if (file != null) {
      return space == null ? SpecFiles.readArch(file) : SpecFiles.readArch(file, space);
    }
    ArchSpec arch = References.get(ref);
    if (space != null) {
      space.check(arch);
    }
    return arch;
  }

  /** Where the architecture came from, for provenance and headers. */
  public String source() {
    return file != null ? file.toString() : "--ref " + ref;
  }
}
