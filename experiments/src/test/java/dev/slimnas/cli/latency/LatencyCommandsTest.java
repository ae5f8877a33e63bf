package dev.slimnas.cli.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.cli.Cli;
import dev.slimnas.latency.LatencyModels;
import dev.slimnas.space.json.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class LatencyCommandsTest {

  static Cli.Result ok(String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.err().isEmpty(), r::toString);
    return r;
  }

  @Test
  void devicesListsEveryModelWithItsUnit() {
    String out = ok("latency", "devices").out();
    for (String id : LatencyModels.names()) {
      assertTrue(out.lines().anyMatch(l -> l.startsWith(id + " ") && l.contains(LatencyModels.get(id).profile().unit())), id);
    }
    assertTrue(out.contains("Google Pixel 1"), out);
  }

  @Test
  void singlePathFinalNetworkIs8044MsOnPixel1() {
    String out = ok("latency", "predict", "--device", "pixel1-singlepath", "--ref", "spnas-final-224").out();
    assertTrue(out.startsWith("spnas-final-224 on pixel1-singlepath: 80.44 ms"), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("fixed .*19\\.60 ms.*")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("total\\s+80\\.44 ms\\s+100\\.0%")), out);
  }

  @Test
  void jsonBlocksAndFixedSumToTotal() throws IOException {
    JsonNode n = Json.mapper().readTree(
        ok("latency", "predict", "--device", "pixel1-proxylessnas", "--ref", "spnas-final-224", "--json").out());
    assertEquals("slimnas.latency-prediction", n.get("schema").asText());
    assertEquals("ms", n.get("unit").asText());
    assertEquals(22, n.get("blocks").size());
    double sum = n.get("fixed").asDouble();
    for (JsonNode b : n.get("blocks")) {
      sum += b.get("value").asDouble();
    }
    assertEquals(n.get("total").asDouble(), sum, 1e-9);
    assertEquals(92.76, n.get("total").asDouble(), 0.005);
  }

  @Test
  void proxyModelsUseTheirUnit() {
    String out = ok("latency", "predict", "--device", "macs", "--ref", "mobilenetv2-1.0-224").out();
    assertTrue(out.startsWith("mobilenetv2-1.0-224 on macs: 300.77 MMAC"), out);
  }

  @Test
  void compareShowsBothTables() {
    String out = ok("latency", "compare").out();
    assertTrue(out.contains("80.44 ms") && out.contains("92.76 ms"), out);
  }
}
