package dev.slimnas.cli.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.cli.Cli;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.transfer.io.TransferFiles;
import dev.slimnas.transfer.overhead.Schedule;
import dev.slimnas.transfer.proxy.Depth;
import dev.slimnas.transfer.proxy.ProxyResult;
import dev.slimnas.transfer.proxy.ProxySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slimnas transfer} end to end: a narrower proxy's slimmed widths onto the x1.0 network, rescaled to a budget. */
class TransferCommandTest {
  @TempDir
  Path tmp;

  @Test
  void transfersRescalesAndWritesArchReportAndPlot() {
    SearchSpace proxySpace = SearchSpaces.get("spnas-cifar", 0.5);
    SearchSpace targetSpace = SearchSpaces.get("spnas-cifar", 1.0);
    int[] ops = new int[proxySpace.blockCount()];
    double[] full = new double[proxySpace.widthGroups().size()];
    Arrays.fill(full, 1.0);
    double[] slim = full.clone();
    for (int i = 0; i < slim.length; i++) {
      slim[i] = i % 2 == 0 ? 0.5 : 1.0;
    }
    ArchSpec baseline = proxySpace.decode(ArchEncoding.of(ops, full));
    ArchSpec optimized = proxySpace.decode(ArchEncoding.of(ops, slim));
    ArchSpec target = targetSpace.decode(ArchEncoding.of(ops, full));
    Path from = tmp.resolve("proxy-result.json");
    TransferFiles.writeProxyResult(from, new ProxyResult(new ProxySpec(Depth.full(), 0.5, 1.0, 1.0), baseline, optimized, "manual",
        new Schedule(50_000, 10)));
    Path to = tmp.resolve("target.json");
    AtomicFiles.writeString(to, SpecFiles.archJson(target));
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("transfer", "--from", from.toString(), "--to", to.toString(), "--stacking", "linear", "--budget-ms", "60",
        "--out", out.toString());
    assertEquals(0, r.exit(), r.err() + r.out());
    assertTrue(Files.exists(out.resolve("widths.png")) && Files.exists(out.resolve("report.json")), r.out());
    ArchSpec transferred = SpecFiles.readArch(out.resolve("arch.json"));
    assertEquals(target.layout().size(), transferred.layout().size());
    assertTrue(r.out().toLowerCase().contains("overhead"), r.out());
    assertTrue(r.out().contains("filled up"), r.out());

    // bounded to the space's range (its largest network predicts ~32 ms), uniform scale only
    Path bounded = tmp.resolve("bounded");
    Cli.Result b = Cli.run("transfer", "--from", from.toString(), "--to", to.toString(), "--budget-ms", "25", "--no-fill",
        "--width-range", "0.25,1.0", "--out", bounded.toString());
    assertEquals(0, b.exit(), b.err() + b.out());
    assertTrue(!b.out().contains("filled up") && b.out().contains("rescaled x"), b.out());
    ArchSpec clamped = SpecFiles.readArch(bounded.resolve("arch.json"));
    for (int s = 0; s < target.stages().size(); s++) {
      assertTrue(clamped.stages().get(s).out() <= target.stages().get(s).out(), "stage " + s);
    }
    Cli.Result bad = Cli.run("transfer", "--from", from.toString(), "--to", to.toString(), "--width-range", "0.25",
        "--out", tmp.resolve("bad").toString());
    assertEquals(2, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("--width-range"), bad.err());
    Path macs = tmp.resolve("macs");
    Cli.Result m = Cli.run("transfer", "--from", from.toString(), "--to", to.toString(), "--budget-mmacs", "20",
        "--out", macs.toString());
    assertEquals(0, m.exit(), m.err() + m.out());
    long achieved = CostModel.of(SpecFiles.readArch(macs.resolve("arch.json"))).macs();
    assertTrue(achieved <= 20_000_000 && achieved > 19_000_000, achieved + "\n" + m.out());
    Cli.Result two = Cli.run("transfer", "--from", from.toString(), "--to", to.toString(), "--budget-mmacs", "20",
        "--budget-ms", "30", "--out", tmp.resolve("two").toString());
    assertEquals(2, two.exit(), two.toString());
    assertTrue(two.err().contains("at most one of --budget-ms"), two.err());
    Cli.Result above = Cli.run("transfer", "--from", from.toString(), "--to", to.toString(), "--budget-ms", "1000",
        "--width-range", "0.25,1.0", "--out", tmp.resolve("above").toString());
    assertTrue(above.exit() != 0 && above.err().contains("above the largest network within the width bounds"), above.toString());
  }

  @Test
  void drawsWidthsOptimizedDirectlyOnTheTargetFromAnArchOrAProxyResult() {
    SearchSpace space = SearchSpaces.get("spnas-cifar", 0.5);
    int[] ops = new int[space.blockCount()];
    double[] full = new double[space.widthGroups().size()];
    Arrays.fill(full, 1.0);
    double[] slim = full.clone();
    Arrays.fill(slim, 0, slim.length / 2, 0.5);
    ArchSpec target = space.decode(ArchEncoding.of(ops, full));
    ArchSpec optimized = space.decode(ArchEncoding.of(ops, slim));
    Path from = tmp.resolve("proxy-result.json");
    TransferFiles.writeProxyResult(from, new ProxyResult(ProxySpec.identity(), target, optimized, "manual", new Schedule(1000, 1)));
    Path to = tmp.resolve("target.json");
    AtomicFiles.writeString(to, SpecFiles.archJson(target));
    Path directArch = tmp.resolve("direct.json");
    AtomicFiles.writeString(directArch, SpecFiles.archJson(optimized));
    for (Path direct : new Path[] {from, directArch}) {
      Path out = tmp.resolve("out-" + direct.getFileName());
      Cli.Result r = Cli.run("transfer", "--from", from.toString(), "--to", to.toString(), "--direct", direct.toString(),
          "--out", out.toString());
      assertEquals(0, r.exit(), r.err() + r.out());
      assertTrue(r.out().contains("directly optimized (" + direct + ")") && Files.exists(out.resolve("widths.png")), r.out());
    }
    int[] otherOps = ops.clone();
    otherOps[1] = 1;
    Path other = tmp.resolve("other-ops.json");
    AtomicFiles.writeString(other, SpecFiles.archJson(space.decode(ArchEncoding.of(otherOps, full))));
    Cli.Result bad = Cli.run("transfer", "--from", from.toString(), "--to", to.toString(), "--direct", other.toString(),
        "--out", tmp.resolve("bad").toString());
    assertEquals(2, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("--direct " + other) && bad.err().contains("op of"), bad.err());
  }
}
