package dev.slimnas.transfer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.json.SpecFileException;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.transfer.Fixtures;
import dev.slimnas.transfer.WidthTransfer;
import dev.slimnas.transfer.projection.Stacking;
import dev.slimnas.transfer.proxy.Depth;
import dev.slimnas.transfer.proxy.ProxyResult;
import dev.slimnas.transfer.proxy.ProxySpec;
import dev.slimnas.transfer.report.TransferReport;
import dev.slimnas.transfer.rescale.CostTarget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransferFilesTest {

  static String golden(String name) throws IOException {
    try (InputStream in = TransferFilesTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Stream<ProxySpec> specs() {
    return Stream.of(ProxySpec.identity(), new ProxySpec(Depth.fraction(0.5), 0.5, 0.5, 0.25),
        new ProxySpec(Depth.counts(1, 2, 2, 2, 2, 2, 1), 0.75, 1.0, 0.1));
  }

  @ParameterizedTest
  @MethodSource("specs")
  void proxySpecRoundTrips(ProxySpec spec) {
    assertEquals(spec, TransferFiles.parseProxy(TransferFiles.proxyJson(spec), "test"));
  }

  @Test
  void proxySpecVersion1ReadsAndWritesTheGoldenFile() throws IOException {
    String g = golden("proxy-v1.json");
    ProxySpec spec = new ProxySpec(Depth.fraction(0.5), 0.5, 0.5, 0.25);
    assertEquals(spec, TransferFiles.parseProxy(g, "golden"));
    assertEquals(g, TransferFiles.proxyJson(spec));
  }

  @Test
  void optimizedArchComesFromAProxyResultOrAnArchFile(@TempDir Path dir) throws IOException {
    ProxyResult r = Fixtures.result(ProxySpec.identity(), Fixtures.cifarNet(), Fixtures.slimmedCifarNet());
    Path result = dir.resolve("proxy-result.json");
    TransferFiles.writeProxyResult(result, r);
    assertEquals(Fixtures.slimmedCifarNet(), TransferFiles.readOptimizedArch(result));
    Path arch = dir.resolve("arch.json");
    SpecFiles.writeArch(arch, Fixtures.slimmedCifarNet());
    assertEquals(Fixtures.slimmedCifarNet(), TransferFiles.readOptimizedArch(arch));
    Path proxy = dir.resolve("proxy.json");
    TransferFiles.writeProxy(proxy, ProxySpec.identity());
    SpecFileException e = assertThrows(SpecFileException.class, () -> TransferFiles.readOptimizedArch(proxy));
    assertTrue(e.getMessage().startsWith(proxy.toString()) && e.getMessage().contains("slimnas.arch"), e.getMessage());
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\n  \"schema\": \"slimnas.proxy-result\",\n  \"version\": 1,\n  \"proxy\": [\n}");
    SpecFileException b = assertThrows(SpecFileException.class, () -> TransferFiles.readOptimizedArch(broken));
    assertTrue(b.getMessage().startsWith(broken.toString()) && b.getMessage().contains("line"), b.getMessage());
    assertTrue(assertThrows(SpecFileException.class, () -> TransferFiles.readOptimizedArch(dir.resolve("none.json")))
        .getMessage().contains("file not found"));
  }

  @Test
  void proxyResultRoundTripsThroughAFile(@TempDir Path dir) {
    ProxyResult r = Fixtures.result(new ProxySpec(Depth.full(), 1.0, 1.0, 0.5), Fixtures.cifarNet(), Fixtures.slimmedCifarNet());
    Path f = dir.resolve("proxy-result.json");
    TransferFiles.writeProxyResult(f, r);
    assertEquals(r, TransferFiles.readProxyResult(f));
  }

  @Test
  void reportRoundTripsThroughAFile(@TempDir Path dir) throws IOException {
    ProxyResult from = Fixtures.result(new ProxySpec(Depth.full(), 1.0, 1.0, 0.5), Fixtures.cifarNet(), Fixtures.slimmedCifarNet());
    for (TransferReport r : new TransferReport[] {
        WidthTransfer.builder(from, Fixtures.deeper(Fixtures.cifar(), 2, 1.5).max()).stacking(Stacking.LINEAR).run(),
        WidthTransfer.builder(from, Fixtures.cifarNet()).costTarget(CostTarget.macs(20_000_000))
            .latencyModel("fake", a -> 1.5).run()}) {
      Path f = dir.resolve("report.json");
      TransferFiles.writeReport(f, r);
      assertEquals(r, TransferFiles.readReport(f));
      String text = Files.readString(f);
      assertTrue(text.contains("\"schema\" : \"slimnas.transfer-report\""), text.substring(0, 200));
    }
  }

  @Nested
  class Malformed {
    static final String GOOD = """
        {
          "depth" : { "fraction" : 0.5, "type" : "fraction" },
          "imageFraction" : 0.25,
          "resolutionScale" : 0.5,
          "schema" : "slimnas.proxy",
          "version" : 1,
          "widthMultiplier" : 0.5
        }
        """;

    static SpecFileException error(String text) {
      return assertThrows(SpecFileException.class, () -> TransferFiles.parseProxy(text, "proxy.json"));
    }

    @Test
    void valueOutOfRangeNamesFileLineAndField() {
      SpecFileException e = error(GOOD.replace("\"widthMultiplier\" : 0.5", "\"widthMultiplier\" : 1.5"));
      assertTrue(e.getMessage().startsWith("proxy.json: line "), e.getMessage());
      assertTrue(e.getMessage().contains("widthMultiplier must be in (0, 1], got 1.5"), e.getMessage());
    }

    @Test
    void missingFieldIsNamed() {
      SpecFileException e = error(GOOD.replace("\"imageFraction\" : 0.25,", ""));
      assertTrue(e.getMessage().contains("imageFraction"), e.getMessage());
    }

    @Test
    void unknownFieldIsNamedWithTheKnownOnes() {
      SpecFileException e = error(GOOD.replace("\"imageFraction\" : 0.25,", "\"imageFraction\" : 0.25, \"epochs\" : 3,"));
      assertTrue(e.getMessage().contains("unknown field 'epochs'") && e.getMessage().contains("widthMultiplier"),
          e.getMessage());
    }

    @Test
    void wrongTypeInANestedFieldNamesItsPath() {
      SpecFileException e = error(GOOD.replace("\"fraction\" : 0.5", "\"fraction\" : \"half\""));
      assertTrue(e.getMessage().contains("$.depth.fraction"), e.getMessage());
    }

    @Test
    void unknownDepthTypeIsNamed() {
      SpecFileException e = error(GOOD.replace("\"type\" : \"fraction\"", "\"type\" : \"ratio\""));
      assertTrue(e.getMessage().contains("ratio") && e.getMessage().contains("depth"), e.getMessage());
    }

    @Test
    void otherSchemaIsRejected() {
      SpecFileException e = error(GOOD.replace("slimnas.proxy", "slimnas.arch"));
      assertTrue(e.getMessage().contains("expected 'slimnas.proxy'"), e.getMessage());
    }

    @Test
    void syntaxErrorNamesTheLine() {
      SpecFileException e = error(GOOD.replace("0.25,", "0.25"));
      assertTrue(e.getMessage().startsWith("proxy.json: line 4"), e.getMessage());
    }
  }
}
