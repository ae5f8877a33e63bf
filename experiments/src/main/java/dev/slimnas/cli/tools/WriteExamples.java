package dev.slimnas.cli.tools;

import dev.slimnas.cli.SlimnasCli;
import dev.slimnas.cli.input.References;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.SearchSpaces;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes (or checks) the repository's {@code examples/}: the reference networks' architecture files
 * and the built-in spaces' files, exactly as the code produces them now. Hidden command
 * {@code slimnas write-examples}; a test keeps the checked-in files equal to this output.
 */
@Command(name = "write-examples", hidden = true, mixinStandardHelpOptions = true,
    description = "Regenerate examples/arch/*.json, examples/space/*.json and examples/search/*.json from the code (or --check them).")
public final class WriteExamples implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--root", paramLabel = "DIR",
      description = "Repository root (default: the launcher's SLIMNAS_HOME, else the current folder).")
  Path root;

  @Option(names = "--check", description = "Only compare; exit 2 naming the first file that differs.")
  boolean check;

  /** The example files, by path relative to the repository root, with their content. */
  public static Map<String, String> files() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String ref : References.NAMES) {
      out.put("examples/arch/" + ref + ".json", SpecFiles.archJson(References.get(ref)));
    }
    for (String name : SearchSpaces.names()) {
      out.put("examples/space/" + name + ".json", SpecFiles.spaceJson(SearchSpaces.get(name)));
    }
    out.put("examples/search/published.json", dev.slimnas.supernet.search.SearchConfig.published().toJson());
    out.put("examples/search/scaled-down-70ms.json", dev.slimnas.supernet.search.SearchConfig.scaledDown(70).toJson());
    return out;
  }

  /** The files under {@code root} that are missing or differ from {@link #files()}, as messages. */
  public static List<String> differences(Path root) {
    List<String> diffs = new ArrayList<>();
    for (Map.Entry<String, String> e : files().entrySet()) {
      Path p = root.resolve(e.getKey());
      try {
        if (!Files.readString(p, StandardCharsets.UTF_8).equals(e.getValue())) {
          diffs.add(p + ": differs from what the code produces now");
        }
      } catch (NoSuchFileException ex) {
        diffs.add(p + ": file not found");
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot read " + p + ": " + ex.getMessage(), ex);
      }
    }
    return diffs;
  }

  @Override
  public Integer call() {
    Path dir = root != null ? root : Path.of(System.getProperty("slimnas.home", "."));
    PrintWriter o = spec.commandLine().getOut();
    if (check) {
      List<String> diffs = differences(dir);
      if (!diffs.isEmpty()) {
        throw new IllegalArgumentException(diffs.get(0) + (diffs.size() > 1 ? " (and " + (diffs.size() - 1) + " more)" : "")
            + "; regenerate with 'slimnas write-examples'");
      }
      o.println("examples up to date: " + files().size() + " files under " + dir.resolve("examples"));
      return 0;
    }
    for (Map.Entry<String, String> e : files().entrySet()) {
      Path file = dir.resolve(e.getKey());
      AtomicFiles.writeString(file, e.getValue());
      readableByAll(file);
      o.println("wrote " + dir.resolve(e.getKey()).normalize());
    }
    return 0;
  }

  /** AtomicFiles leaves its temporary file's mode (0600); checked-in files should be 0644. */
  private static void readableByAll(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException ex) {
      // not a POSIX file system: keep what the platform gave
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot set permissions of " + file + ": " + ex.getMessage(), ex);
    }
  }

  public static void main(String[] args) {
    String[] a = new String[args.length + 1];
    a[0] = "write-examples";
    System.arraycopy(args, 0, a, 1, args.length);
    SlimnasCli.main(a);
  }
}
