package dev.slimnas.cli.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.cli.Cli;
import dev.slimnas.latency.profile.ProfileCsv;
import dev.slimnas.latency.profile.ProxylessFormat;
import dev.slimnas.space.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyFitCommandTest {
  static Cli.Result ok(String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exit(), r::toString);
    return r;
  }

  @Test
  void printsTheHeldOutErrorOnTheProxylessPixel1Table() {
    String out = ok("latency", "fit").out();
    assertTrue(out.startsWith("profile pixel1-proxylessnas: Google Pixel 1"), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("5-fold \\(seed 1\\)\\s+69\\s+2\\.28%\\s+10\\.58%.*")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("leave-one-place-out\\s+69\\s+2\\.34%\\s+10\\.06%.*")), out);
    assertTrue(out.contains("worst held-out entries"), out);
    assertTrue(out.contains("calibration: none"), out);
  }

  @Test
  void jsonCarriesCoefficientsAndBothHoldouts() throws Exception {
    JsonNode n = Json.mapper().readTree(ok("latency", "fit", "--json", "--worst", "0").out());
    assertEquals("slimnas.latency-fit", n.get("schema").asText());
    assertEquals(2, n.get("holdouts").size());
    assertEquals(69, n.get("holdouts").get(0).get("predictions").size());
    assertEquals(n.get("features").size(), n.get("block").size());
  }

  @Test
  void readsTheSimpleCsvFormat(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("phone.csv");
    Files.writeString(csv, ProfileCsv.format(ProxylessFormat.pixel1()));
    String out = ok("latency", "fit", csv.toString(), "--device-id", "my-phone").out();
    assertTrue(out.startsWith("profile my-phone:"), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("leave-one-place-out\\s+69\\s+2\\.34%.*")), out);
  }

  @Test
  void aMissingFileIsABadInputError(@TempDir Path dir) {
    Cli.Result r = Cli.run("latency", "fit", dir.resolve("none.csv").toString());
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("none.csv: file not found"), r.err());
  }
}
