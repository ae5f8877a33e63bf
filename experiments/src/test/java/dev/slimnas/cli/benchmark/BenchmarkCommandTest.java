package dev.slimnas.cli.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.cli.Cli;
import dev.slimnas.space.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchmarkCommandTest {
  static final String DATA = "../data";

  /** Runs 'benchmark run' with small defaults; {@code extra} holds option/value pairs that override them. */
  static Cli.Result run(Path out, String... extra) {
    java.util.Map<String, String> opts = new java.util.LinkedHashMap<>();
    opts.put("--data", DATA);
    opts.put("--table", "nas-bench-macro");
    opts.put("--evaluations", "15");
    opts.put("--repeats", "3");
    opts.put("--seed", "4");
    opts.put("--out", out.toString());
    for (int i = 0; i < extra.length; i += 2) {
      opts.put(extra[i], extra[i + 1]);
    }
    List<String> args = new java.util.ArrayList<>(List.of("benchmark", "run", "--quiet"));
    opts.forEach((k, v) -> {
      args.add(k);
      args.add(v);
    });
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void listNamesTheVendoredTable() {
    Cli.Result r = Cli.run("benchmark", "list", "--data", DATA);
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("nas-bench-macro") && r.out().contains("Apache-2.0"), r.out());
  }

  @Nested
  class Run {
    @Test
    void writesTheReportFiles(@TempDir Path dir) throws Exception {
      Cli.Result r = run(dir, "--constraint", "macs<=median");
      assertEquals(0, r.exit(), r.toString());
      for (String f : List.of("report.json", "report.json.provenance.json", "anytime.csv", "anytime.png", "table.md")) {
        assertTrue(Files.size(dir.resolve(f)) > 0, f);
      }
      JsonNode report = Json.mapper().readTree(dir.resolve("report.json").toFile());
      assertEquals("slimnas.benchmark-report", report.get("schema").asText());
      assertEquals(5, report.get("optimizers").size());
      assertEquals(15, report.get("results").size());
      assertEquals(4, report.get("comparisons").size());
      for (JsonNode x : report.get("results")) {
        assertTrue(x.get("evaluations").asInt() <= 15);
        assertTrue(x.get("regret").asDouble() >= 0);
      }
      List<String> csv = Files.readAllLines(dir.resolve("anytime.csv"));
      assertEquals("optimizer,repeat,seed,evaluation,best_regret", csv.get(0));
      assertEquals(1 + 5 * 3 * 15, csv.size());
      assertTrue(r.out().contains("| nsga2 |"), r.out());
    }

    @Test
    void sameCommandSameBytes(@TempDir Path dir) throws Exception {
      Path a = dir.resolve("a");
      Path b = dir.resolve("b");
      assertEquals(0, run(a, "--constraint", "params<=p75").exit());
      assertEquals(0, run(b, "--constraint", "params<=p75").exit());
      for (String f : List.of("report.json", "anytime.csv", "anytime.png", "table.md")) {
        assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
      }
    }

    @Test
    void multiObjectiveModeReportsHypervolume(@TempDir Path dir) throws Exception {
      Cli.Result r = run(dir, "--objectives", "mean_acc,macs", "--optimizer", "nsga2,random");
      assertEquals(0, r.exit(), r.toString());
      JsonNode report = Json.mapper().readTree(dir.resolve("report.json").toFile());
      double hv = report.get("optimizers").get(0).get("hypervolumeMean").asDouble();
      assertTrue(hv > 0 && hv <= 1, "hypervolume " + hv);
      assertTrue(report.get("trueFrontSize").asInt() > 1);
    }
  }

  @Nested
  class BadInput {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--optimizer|nsga3|--optimizer 'nsga3'",
        "--constraint|flops<=median|--constraint 'flops<=median'",
        "--constraint|macs<=p150|--constraint 'macs<=p150'",
        "--constraint|macs<=big|--constraint 'macs<=big'",
        "--constraint|macs<min|--constraint 'macs<min'",
        "--objectives|mean_acc,latency|--objectives 'mean_acc,latency'",
        "--evaluations|0|--evaluations",
        "--repeats|0|--repeats",
        "--table|nope|--table 'nope'"})
    void exitsTwoWithOneLineNamingTheOption(String option, String value, String expected, @TempDir Path dir) {
      Cli.Result r = run(dir, option, value);
      assertEquals(2, r.exit(), r.toString());
      assertEquals(1, r.errLines().size(), r.toString());
      assertTrue(r.errLines().get(0).startsWith("slimnas: error: " + expected), r.errLines().get(0));
    }

    @Test
    void damagedTableNamesTheFile(@TempDir Path dir) throws Exception {
      Path t = dir.resolve("t");
      Files.createDirectories(t);
      Files.copy(Path.of(DATA, "nas-bench-macro/nas-bench-macro.table.json"), t.resolve("nbm.table.json"));
      Files.writeString(t.resolve("nas-bench-macro_cifar10.json"), "{}");
      Cli.Result r = Cli.run("benchmark", "run", "--table", t.resolve("nbm.table.json").toString(), "--quiet",
          "--out", dir.resolve("out").toString());
      assertEquals(2, r.exit(), r.toString());
      assertEquals(1, r.errLines().size(), r.toString());
      assertTrue(r.errLines().get(0).contains("nas-bench-macro_cifar10.json: checksum mismatch"), r.errLines().get(0));
    }
  }
}
