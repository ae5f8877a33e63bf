package dev.slimnas.cli.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.cli.Cli;
import dev.slimnas.latency.profile.LatencyProfile;
import dev.slimnas.latency.profile.NetworkShape;
import dev.slimnas.space.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * profile -> fit -> validate -> measure on real ND4J graphs, with quick timing settings and in this
 * process's threads ({@code --threads 0}); checks the mechanics and files, never a timing value.
 */
@Tag("slow")
class LatencyMeasuringCommandsSlowTest {
  static Cli.Result ok(String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exit(), r::toString);
    return r;
  }

  @Test
  void profileFitValidateAndMeasure(@TempDir Path dir) throws Exception {
    Path profile = dir.resolve("p.json");
    String[] profileArgs = {"latency", "profile", "--out", profile.toString(), "--space", "spnas-cifar", "--multipliers", "0.25",
        "--random-archs", "0", "--networks", "2", "--threads", "0", "--clock", "wall", "--quick", "--no-progress"};
    String out = ok(profileArgs).out();
    java.util.regex.Matcher plan = java.util.regex.Pattern.compile("plan: (\\d+) parts").matcher(out);
    assertTrue(plan.find(), out);
    int parts = Integer.parseInt(plan.group(1));
    LatencyProfile p = LatencyProfile.read(profile);
    assertEquals(parts, p.entries().size());
    assertEquals("wall", p.clock());
    assertEquals(2, p.entriesOf(NetworkShape.class).size());
    assertTrue(Files.exists(profile.resolveSibling("p.json.provenance.json")));
    assertTrue(ok(profileArgs).out().contains(parts + " entries already in"), "a second run resumes and measures nothing");

    assertTrue(ok("latency", "fit", profile.toString(), "--worst", "0").out().contains("calibration pooled: SCALE on 2 networks"));

    Path vdir = dir.resolve("validate");
    String v = ok("latency", "validate", "--profile", profile.toString(), "--archs", "2", "--archs-224", "0", "--threads", "0",
        "--target-ms", "0", "--out", vdir.toString(), "--no-progress").out();
    assertTrue(v.contains("targets: within +/-10%"), v);
    JsonNode report = Json.mapper().readTree(vdir.resolve(ValidationFiles.JSON).toFile());
    assertEquals(2, report.get("rows").size());
    assertEquals(3, Files.readAllLines(vdir.resolve(ValidationFiles.CSV)).size());
    assertTrue(Files.size(vdir.resolve(ValidationFiles.PNG)) > 1000);

    JsonNode m = Json.mapper().readTree(ok("latency", "measure", "--ref", "spnas-final-cifar", "--threads", "0", "--clock", "wall",
        "--target-ms", "0", "--json").out().strip());
    assertEquals(LatencyMeasureCommand.SCHEMA, m.get("schema").asText());
    assertTrue(m.get("latency").get("ms").asDouble() > 0);
  }

  /**
   * The same in ONNX Runtime: parts as ONNX models in ORT sessions (1 intra-op thread, thread-CPU clock), the profile
   * records the runtime, validation against it is in ORT (with Kendall tau and the noise floor in child processes), a
   * finished validation run again measures nothing, and a DL4J validation of an ORT profile is refused.
   */
  @Test
  void onnxRuntimeProfileFitValidateAndResume(@TempDir Path dir) throws Exception {
    Path profile = dir.resolve("ort.json");
    String[] profileArgs = {"latency", "profile", "--runtime", "onnxruntime", "--out", profile.toString(), "--space", "spnas-cifar",
        "--multipliers", "0.25", "--random-archs", "0", "--networks", "2", "--quick", "--no-progress"};
    ok(profileArgs);
    LatencyProfile p = LatencyProfile.read(profile);
    assertTrue(p.device().runtime().startsWith("ONNX Runtime"), p.device().runtime());
    assertEquals("ort-cpu-1t", p.device().id());
    assertEquals(1, p.device().threads());
    assertEquals("thread-cpu", p.clock());
    assertEquals("onnxruntime", p.provenance().get("runtime"));
    assertTrue(ok("latency", "fit", profile.toString(), "--worst", "0").out().contains("calibration pooled"));

    Path vdir = dir.resolve("validate");
    String[] validateArgs = {"latency", "validate", "--runtime", "onnxruntime", "--profile", profile.toString(), "--archs", "2",
        "--archs-224", "0", "--target-ms", "0", "--noise", "2", "--out", vdir.toString(), "--no-progress"};
    String v = ok(validateArgs).out();
    assertTrue(v.contains("KENDALL") && v.contains("noise floor"), v);
    JsonNode report = Json.mapper().readTree(vdir.resolve(ValidationFiles.JSON).toFile());
    assertEquals(2, report.get("rows").size());
    assertEquals(2, report.get("noise").get("processes").asInt());
    assertTrue(report.get("kendallTau").has("all"));
    assertTrue(report.get("conditions").get("runtime").asText().startsWith("onnxruntime"));
    assertTrue(ok(validateArgs).out().contains("2 already measured"), "a second run continues from progress.json");

    Cli.Result dl4j = Cli.run("latency", "validate", "--profile", profile.toString(), "--archs", "1", "--archs-224", "0",
        "--threads", "0", "--out", dir.resolve("v2").toString());
    assertEquals(2, dl4j.exit(), dl4j::toString);
    assertTrue(dl4j.err().contains("--runtime onnxruntime"), dl4j.err());
  }
}
