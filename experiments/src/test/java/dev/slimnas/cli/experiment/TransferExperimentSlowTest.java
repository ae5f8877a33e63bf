package dev.slimnas.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.cli.Cli;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.transfer.io.TransferFiles;
import dev.slimnas.transfer.proxy.ProxyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's DL4J side on real CIFAR-10 at a toy scale (a few training steps): width optimization on the
 * target and on proxies, transfer to equal MACs, from-scratch training, the table; a second run reads
 * everything back; {@code optimize-widths} with the greedy and Joslim optimizers feeds {@code transfer}.
 * Checks the mechanics, the equal cost and the files, not accuracy.
 */
@Tag("slow")
class TransferExperimentSlowTest {

  @Test
  void experimentTrainsEveryMethodAtEqualMacsAndResumes(@TempDir Path dir) throws Exception {
    String[] args = {"experiment", "transfer", "--seeds", "1", "--base-width", "0.25", "--depth", "2", "--widen", "1.5",
        "--proxies", "narrow,lowres", "--opt-images", "512", "--opt-epochs", "1", "--val-images", "64",
        "--calibration-batches", "1", "--nsga-population", "4", "--nsga-generations", "1", "--train-images", "256",
        "--train-epochs", "1", "--quiet", "--out", dir.toString()};
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exit(), r::toString);
    JsonNode table = Json.mapper().readTree(dir.resolve("table.json").toFile());
    List<String> methods = new ArrayList<>();
    ArchSpec uniform = SpecFiles.readArch(dir.resolve("seed-1/final-uniform/arch.json"));
    long budget = CostModel.of(uniform).macs();
    for (JsonNode row : table.get("rows")) {
      String m = row.get("method").asText();
      methods.add(m);
      long macs = row.get("macs").asLong();
      assertEquals(macs, CostModel.of(SpecFiles.readArch(dir.resolve("seed-1/final-" + m + "/arch.json"))).macs(), m);
      // equal cost: every method's network within 2% of the uniform one's (the fill-up closes the rounding gap)
      assertTrue(Math.abs(macs - budget) <= 0.02 * budget, m + ": " + macs + " vs " + budget);
      double acc = row.get("testAccuracy").asDouble();
      assertTrue(acc > 0 && acc < 1, m + ": " + acc);
      assertTrue(Files.exists(dir.resolve("seed-1/final-" + m + "/run/model.zip")), m);
    }
    assertEquals(List.of("uniform", "direct", "narrow", "lowres"), methods);
    assertTrue(Files.exists(dir.resolve("seed-1/widths.png")) && Files.exists(dir.resolve("table.json.provenance.json")));
    String md = Files.readString(dir.resolve("table.md"));
    assertTrue(md.contains("| lowres |") && md.contains("overhead reduction vs direct"), md);
    ProxyResult lowres = TransferFiles.readProxyResult(dir.resolve("seed-1/opt-lowres/proxy-result.json"));
    assertEquals(16, lowres.optimized().input().resolution());

    Path model = dir.resolve("seed-1/final-narrow/run/model.zip");
    long modified = Files.getLastModifiedTime(model).toMillis();
    Cli.Result again = Cli.run(args); // everything done: read back, nothing trained again
    assertEquals(0, again.exit(), again::toString);
    assertEquals(modified, Files.getLastModifiedTime(model).toMillis());
    assertEquals(table, Json.mapper().readTree(dir.resolve("table.json").toFile()));
  }

  @Test
  void greedyAndJoslimProxyResultsFeedTheTransfer(@TempDir Path dir) throws Exception {
    for (String[] opt : new String[][] {{"greedy", "--greedy-step", "0.25"}, {"joslim", "--tau", "2"}}) {
      Path out = dir.resolve(opt[0]);
      Cli.Result r = Cli.run("optimize-widths", "--depth", "2", "--widen", "1.5", "--proxy", "shallow", "--optimizer", opt[0],
          opt[1], opt[2], "--cost-fraction", "0.9", "--images", "256", "--val-images", "64", "--calibration-batches", "1",
          "--quiet", "--out", out.toString());
      assertEquals(0, r.exit(), r::toString);
      ProxyResult p = TransferFiles.readProxyResult(out.resolve("proxy-result.json"));
      assertTrue(CostModel.of(p.optimized()).macs() <= 0.9 * CostModel.of(p.baseline()).macs(), opt[0] + ": " + r.out());
      Path transferred = dir.resolve(opt[0] + "-target");
      Cli.Result t = Cli.run("transfer", "--from", out.resolve("proxy-result.json").toString(), "--to",
          out.resolve("target.json").toString(), "--budget-mmacs", "20", "--out", transferred.toString());
      assertEquals(0, t.exit(), t::toString);
      ArchSpec a = SpecFiles.readArch(transferred.resolve("arch.json"));
      assertTrue(CostModel.of(a).macs() <= 20_000_000, opt[0]);
      assertEquals(SpecFiles.readArch(out.resolve("target.json")).blockCount(), a.blockCount(), opt[0]);
    }
    // a greedy run cut short by its evaluation cap has no network under the budget: an error, not an over-budget result
    Cli.Result capped = Cli.run("optimize-widths", "--depth", "2", "--widen", "1.5", "--proxy", "shallow", "--optimizer", "greedy",
        "--max-evaluations", "6", "--images", "256", "--val-images", "64", "--calibration-batches", "1", "--quiet",
        "--out", dir.resolve("capped").toString());
    assertEquals(2, capped.exit(), capped::toString);
    assertTrue(capped.err().contains("greedy slimming stopped after") && capped.err().contains("--max-evaluations 6"),
        capped::toString);
    assertTrue(!Files.exists(dir.resolve("capped/proxy-result.json")));
  }
}
