package dev.slimnas.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/architecture.md} true: its table of rules (between the {@code rules:begin} and
 * {@code rules:end} markers) says, per module, which import prefixes its main sources must never use;
 * every {@code import} line of every module's {@code src/main/java} is checked against it.
 */
class ArchitectureRulesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z/-]+)`\\s*\\|[^|]*\\|\\s*(.*?)\\s*\\|\\s*$");
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)");

  record Rule(String module, List<String> forbidden) {}

  static List<Rule> rules() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("docs/architecture.md"));
    int begin = lines.indexOf("<!-- rules:begin -->");
    int end = lines.indexOf("<!-- rules:end -->");
    assertTrue(begin >= 0 && end > begin, "docs/architecture.md has no rules table between the markers");
    List<Rule> out = new ArrayList<>();
    for (String l : lines.subList(begin + 1, end)) {
      Matcher m = ROW.matcher(l);
      if (m.matches()) {
        List<String> forbidden = new ArrayList<>();
        Matcher code = Pattern.compile("`([\\w.]+)`").matcher(m.group(2));
        while (code.find()) {
          forbidden.add(code.group(1));
        }
        out.add(new Rule(m.group(1), forbidden));
      }
    }
    return out;
  }

  @Test
  void everyModuleHasARuleAndEveryImportKeepsIt() throws IOException {
    List<Rule> rules = rules();
    assertFalse(rules.isEmpty(), "no rule rows parsed");
    List<String> broken = new ArrayList<>();
    for (Rule r : rules) {
      Path src = ROOT.resolve(r.module()).resolve("src/main/java");
      assertTrue(Files.isDirectory(src), "rules name module " + r.module() + ", which has no " + src);
      try (Stream<Path> files = Files.walk(src)) {
        files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
          try {
            for (String line : Files.readAllLines(p)) {
              Matcher m = IMPORT.matcher(line);
              if (m.find()) {
                for (String f : r.forbidden()) {
                  if (m.group(1).startsWith(f + ".") || m.group(1).equals(f)) {
                    broken.add(ROOT.relativize(p) + " imports " + m.group(1) + " (" + r.module() + " never imports " + f + ")");
                  }
                }
              }
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
    assertTrue(broken.isEmpty(), () -> "docs/architecture.md rules broken:\n" + String.join("\n", broken));
    for (String module : List.of("search-space", "latency-models", "optimizers", "supernet", "transfer", "experiments")) {
      assertTrue(rules.stream().anyMatch(r -> r.module().equals(module)), "docs/architecture.md has no rule for " + module);
    }
  }
}
