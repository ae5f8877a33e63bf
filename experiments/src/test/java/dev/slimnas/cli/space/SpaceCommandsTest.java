package dev.slimnas.cli.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.cli.Cli;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpaceCommandsTest {
  @TempDir
  Path dir;

  static Cli.Result ok(String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.err().isEmpty(), r::toString);
    return r;
  }

  @Nested
  class List_ {
    @Test
    void listsEveryBuiltInSpaceWithItsCounts() {
      String out = ok("space", "list").out();
      for (String name : SearchSpaces.names()) {
        assertTrue(out.contains(name), name);
      }
      // spnas-224: 22 blocks, 20 searchable, 30 width groups
      assertTrue(out.lines().anyMatch(l -> l.matches("spnas-224\\s+22\\s+20\\s+30\\s+fixed\\s+Single-Path.*")), out);
      assertTrue(out.lines().anyMatch(l -> l.matches("mobilenetv2-224\\s+17\\s+0\\s+25\\s+fixed.*")), out);
    }
  }

  @Nested
  class Show {
    @Test
    void showsBlocksOpsAndWidthGroups() {
      String out = ok("space", "show", "spnas-cifar").out();
      assertTrue(out.contains("k3e3 k3e6 k5e3 k5e6 skip"), out);
      assertTrue(out.contains("x0.25..x1.00"), out);
      assertTrue(out.contains("block20.hidden"), out);
      assertTrue(out.lines().anyMatch(l -> l.matches("\\s+21\\s+6\\s+0\\s+1\\s+4->4\\s+80\\.\\.320\\s+288\\.\\.1152\\s+k3e6")), out);
    }

    @Test
    void jsonIsTheSpaceFileAndReadsBack() {
      String out = ok("space", "show", "spnas-224", "--json").out();
      assertEquals(SpecFiles.spaceJson(SearchSpaces.get("spnas-224")), out);
      assertEquals(SearchSpaces.get("spnas-224"), SpecFiles.parseSpace(out, "stdout"));
    }

    @Test
    void readsASpaceFile() throws IOException {
      Path f = dir.resolve("half.json");
      SpecFiles.writeSpace(f, SearchSpaces.get("spnas-cifar", 0.5).withName("half"));
      String out = ok("space", "show", f.toString()).out();
      assertTrue(out.startsWith("space         half"), out);
    }
  }

  @Nested
  class Sample {
    @Test
    void sameSeedSameArchitecturesOtherSeedOthers() {
      String a = ok("space", "sample", "spnas-cifar", "--seed", "7", "--count", "2").out();
      String b = ok("space", "sample", "spnas-cifar", "--seed", "7", "--count", "2").out();
      String c = ok("space", "sample", "spnas-cifar", "--seed", "8", "--count", "2").out();
      assertEquals(a, b);
      assertNotEquals(a, c);
    }

    @Test
    void sampleIDoesNotDependOnCount() {
      String one = ok("space", "sample", "spnas-cifar", "--seed", "3").out();
      String three = ok("space", "sample", "spnas-cifar", "--seed", "3", "--count", "3").out();
      assertTrue(three.startsWith(one), "sample 0 must be the same with --count 3");
    }

    @Test
    void printedSamplesBelongToTheSpace() {
      SearchSpace space = SearchSpaces.get("spnas-cifar");
      String out = ok("space", "sample", "spnas-cifar", "--seed", "11").out();
      ArchSpec a = SpecFiles.parseArch(out, "stdout");
      assertTrue(space.contains(a));
      assertEquals("spnas-cifar-s11-0", a.name());
    }

    @Test
    void minAndMaxAreTheSpaceExtremes() {
      SearchSpace space = SearchSpaces.get("spnas-cifar");
      assertEquals(SpecFiles.archJson(space.min()), ok("space", "sample", "spnas-cifar", "--mode", "min").out());
      assertEquals(SpecFiles.archJson(space.max()), ok("space", "sample", "spnas-cifar", "--mode", "MAX").out());
    }

    @Test
    void writesFilesWithProvenance() throws IOException {
      Path out = dir.resolve("samples");
      String table = ok("space", "sample", "spnas-cifar", "--seed", "5", "--count", "3", "--out", out.toString()).out();
      SearchSpace space = SearchSpaces.get("spnas-cifar");
      for (int i = 0; i < 3; i++) {
        Path f = out.resolve("spnas-cifar-s5-" + i + ".json");
        assertTrue(space.contains(SpecFiles.readArch(f, space)));
        JsonNode p = Json.mapper().readTree(Files.readString(Provenance.pathFor(f)));
        assertEquals(5, p.get("seed").asInt());
        assertEquals(Json.fingerprint(space), p.get("specFingerprint").asText());
        assertTrue(table.contains(f.toString()), table);
      }
    }
  }

  @Nested
  class Cost {
    @Test
    void mobileNetV2MatchesThePublishedFigures() {
      String out = ok("space", "cost", "--ref", "mobilenetv2-1.0-224").out();
      assertTrue(out.contains("MACs    300.77M (300,774,272)"), out);
      assertTrue(out.contains("params  3.50M (3,504,872)"), out);
    }

    @Test
    void singlePathNasFinalHas442MParams() {
      String out = ok("space", "cost", "--ref", "spnas-final-224", "--space", "spnas-224").out();
      assertTrue(out.contains("params  4.42M (4,421,616)"), out);
      assertTrue(out.contains(": in space spnas-224"), out);
    }

    @Test
    void nasBenchMacroCodesAreReferencesWithTheBenchmarksCounts() {
      // nas-bench-macro_cifar10.json, "02012100": params 890666, flops 47327744
      String out = ok("space", "cost", "--ref", "nas-bench-macro-02012100", "--space", "nas-bench-macro").out();
      assertTrue(out.contains("ops     proj k5e6 proj k3e3 k5e6 k3e3 skip skip"), out);
      assertTrue(out.contains("MACs    47.33M (47,327,744)"), out);
      assertTrue(out.contains("params  890.67K (890,666)"), out);
      assertTrue(out.contains("block0.proj"), out);
    }

    @Test
    void badNasBenchMacroCodeIsNamed() {
      Cli.Result r = Cli.run("space", "cost", "--ref", "nas-bench-macro-0201210");
      assertTrue(r.err().contains("'0201210' has 7 characters"), r.err());
    }

    @Test
    void widthMultiplierReferencesAreAccepted() {
      String half = ok("space", "cost", "--ref", "mobilenetv2-0.5-224").out();
      assertTrue(half.startsWith("mobilenetv2-0.5-224"), half);
      assertTrue(half.contains("MACs    97.13M (97,131,840)"), half);
    }

    @Test
    void jsonTotalsSumTheLayers() throws IOException {
      Path f = dir.resolve("mbv2.json");
      Files.writeString(f, ok("space", "sample", "mobilenetv2-cifar", "--mode", "max").out());
      JsonNode n = Json.mapper().readTree(ok("space", "cost", f.toString(), "--json", "--space", "mobilenetv2-cifar").out());
      assertEquals("slimnas.cost", n.get("schema").asText());
      assertEquals("mobilenetv2-cifar", n.get("space").asText());
      long macs = 0;
      long params = 0;
      for (JsonNode l : n.get("layers")) {
        macs += l.get("macs").asLong();
        params += l.get("params").asLong();
      }
      assertEquals(n.get("macs").asLong(), macs);
      assertEquals(n.get("params").asLong(), params);
      assertTrue(macs > 0);
    }
  }
}
