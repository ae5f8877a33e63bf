package dev.slimnas.latency.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.json.SpecFileException;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.BlockOp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyProfileTest {
  static final DeviceInfo DEVICE = new DeviceInfo("local-cpu", "host", "Some CPU", "Linux", "ND4J CPU", "1.0.0-M2.1", "fp32", 1, 1);
  static final BlockShape BLOCK = new BlockShape(32, 16, 24, 1, BlockOp.mbconv(3, 6), 96, 0);

  static LatencyProfile sample() {
    return LatencyProfile.empty(DEVICE, "thread-cpu", Map.of("command", "test"))
        .with(new ProfileEntry(BLOCK, new Measurement(1.5, 0.1, 30, 2, 1)))
        .with(new ProfileEntry(new BlockShape(16, 24, 24, 1, BlockOp.mbconv(5, 3, true), 72, 8), Measurement.of(0.8)))
        .with(new ProfileEntry(new StemShape(32, 3, 3, 1, 32), Measurement.of(0.4)))
        .with(new ProfileEntry(new HeadShape(4, 320, 1280, 10), Measurement.of(0.6)))
        .with(new ProfileEntry(new CallOverhead(1, 1), Measurement.of(0.02)))
        .with(new ProfileEntry(new NetworkShape(SearchSpaces.get("spnas-cifar").max()), Measurement.of(9.0)));
  }

  @Nested
  class Json {
    @Test
    void roundTripsEveryKindOfPart(@TempDir Path dir) {
      LatencyProfile p = sample();
      Path f = dir.resolve("profile.json");
      p.write(f);
      assertEquals(p, LatencyProfile.read(f));
    }

    @Test
    void isAVersionedDocumentWithKindedParts() {
      String json = sample().toJson();
      assertTrue(json.contains("\"schema\" : \"slimnas.latency-profile\""), json);
      assertTrue(json.contains("\"kind\" : \"block\"") && json.contains("\"kind\" : \"network\""), json);
      assertTrue(json.contains("\"op\" : \"k5e3+se\""), json);
    }

    @Test
    void unknownFieldsAreErrorsNamingThePath(@TempDir Path dir) throws Exception {
      String json = sample().toJson().replace("\"samples\" : 30", "\"samples\" : 30, \"colour\" : 1");
      Path f = dir.resolve("bad.json");
      Files.writeString(f, json);
      SpecFileException e = assertThrows(SpecFileException.class, () -> LatencyProfile.read(f));
      assertTrue(e.getMessage().contains("colour") && e.getMessage().contains("$.entries[0]"), e.getMessage());
    }
  }

  @Test
  void withReplacesTheEntryForTheSamePart() {
    LatencyProfile p = sample().with(new ProfileEntry(BLOCK, Measurement.of(2.0)));
    assertEquals(6, p.entries().size());
    assertEquals(2.0, p.find(BLOCK).orElseThrow().latency().ms());
    assertEquals(BLOCK, p.entries().get(0).part(), "order kept");
  }

  @Test
  void duplicatePartsAreRefused() {
    ProfileEntry e = new ProfileEntry(BLOCK, Measurement.of(1));
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> new LatencyProfile(DEVICE, "wall", "median", "iqr", Map.of(), List.of(e, e)));
    assertTrue(x.getMessage().contains(BLOCK.key()), x.getMessage());
  }

  @Test
  void selectsEntriesByKindAndFindsTheOverhead() {
    LatencyProfile p = sample();
    assertEquals(2, p.entriesOf(BlockShape.class).size());
    assertEquals(1, p.entriesOf(NetworkShape.class).size());
    assertEquals(0.02, p.overheadMs().orElseThrow());
    assertFalse(LatencyProfile.empty(DEVICE, "wall", Map.of()).overheadMs().isPresent());
  }

  @Test
  void blockShapesCheckTheirRules() {
    assertThrows(IllegalArgumentException.class, () -> new BlockShape(8, 16, 16, 1, BlockOp.SKIP, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new BlockShape(8, 16, 16, 1, BlockOp.mbconv(3, 1), 32, 0));
    assertThrows(IllegalArgumentException.class, () -> new BlockShape(8, 16, 16, 3, BlockOp.mbconv(3, 6), 96, 0));
    assertThrows(IllegalArgumentException.class, () -> new BlockShape(8, 16, 16, 1, BlockOp.mbconv(3, 6, true), 96, 0));
    assertTrue(new BlockShape(8, 16, 16, 1, BlockOp.mbconv(3, 6), 96, 0).residual());
    assertFalse(new BlockShape(8, 16, 16, 2, BlockOp.mbconv(3, 6), 96, 0).residual());
    assertEquals(4, new BlockShape(7, 16, 16, 2, BlockOp.mbconv(3, 6), 96, 0).outResolution());
  }

  @Test
  void deviceProfileNamesTheFittedModel() {
    var dp = sample().deviceProfile("-fit", "test fit");
    assertEquals("local-cpu-fit", dp.id());
    assertEquals("host, Some CPU", dp.device());
    assertEquals("ND4J CPU 1.0.0-M2.1", dp.runtime());
    assertTrue(dp.isLatency());
  }
}
