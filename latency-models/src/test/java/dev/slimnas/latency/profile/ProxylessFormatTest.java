package dev.slimnas.latency.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.lut.ProxylessTable;
import dev.slimnas.latency.lut.TableResources;
import dev.slimnas.space.spec.BlockOp;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProxylessFormatTest {
  static final String YAML = "/dev/slimnas/latency/tables/pixel1-proxylessnas/pixel_trim.yaml";

  @Test
  void thePixel1TableHas69BlocksAStemAndAHead() {
    LatencyProfile p = ProxylessFormat.pixel1();
    assertEquals(69, p.entriesOf(BlockShape.class).size());
    assertEquals(1, p.entriesOf(StemShape.class).size());
    assertEquals(1, p.entriesOf(HeadShape.class).size());
    assertEquals("mean", p.statistic());
    assertEquals("std", p.spread());
    assertEquals(ProxylessTable.ID, p.device().id());
    ProfileEntry head = p.entriesOf(HeadShape.class).get(0);
    assertEquals(new HeadShape(7, 320, 1280, 1000), head.part());
    assertEquals(6.28499578503688 + 0.9348261327713382, head.latency().ms(), 1e-12, "head conv + logits");
    ProfileEntry first = p.find(new BlockShape(112, 32, 16, 1, BlockOp.mbconv(3, 1), 32, 0)).orElseThrow();
    assertEquals(4.035709677419355, first.latency().ms(), 1e-12);
    assertEquals(Math.sqrt(0.07046224958106981), first.latency().spreadMs(), 1e-12);
    assertEquals(310, first.latency().samples());
  }

  @Test
  void theOriginalYamlGivesTheSameProfileAsTheFlattenedCsv() {
    String yaml = new String(TableResources.load(YAML, "02840b8f2fedf419fda22a215c813822"), StandardCharsets.UTF_8);
    LatencyProfile fromYaml = ProxylessFormat.fromText(yaml, "pixel_trim.yaml", ProxylessFormat.pixel1().device());
    assertEquals(ProxylessFormat.pixel1().entries(), fromYaml.entries());
  }

  @Test
  void unknownKeysAndInconsistentEntriesAreRefused() {
    var d = ProxylessFormat.pixel1().device();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProxylessFormat.fromText("Pool-input:7x7x1280:\n  count: 1\n  mean: 0.1\n  var: 0\n", "t.yaml", d));
    assertTrue(e.getMessage().contains("Pool-input"), e.getMessage());
    String wrongSkip = "expanded_conv-input:14x14x80-output:14x14x80-expand:3-kernel:3-stride:1-idskip:0:\n  mean: 1.7\n";
    e = assertThrows(IllegalArgumentException.class, () -> ProxylessFormat.fromText(wrongSkip, "t.yaml", d));
    assertTrue(e.getMessage().contains("idskip"), e.getMessage());
    String lonelyLogits = "Logits-input:7x7x1280-output:1000:\n  mean: 0.9\n";
    e = assertThrows(IllegalArgumentException.class, () -> ProxylessFormat.fromText(lonelyLogits, "t.yaml", d));
    assertTrue(e.getMessage().contains("without a Conv_1"), e.getMessage());
  }

  @Test
  void badNumbersAreRefusedNamingFileAndEntryOrLine() {
    var d = ProxylessFormat.pixel1().device();
    String stem = "Conv-input:224x224x3-output:112x112x32:\n  count: 1\n  mean: %s\n  var: 0\n";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProxylessFormat.fromText(String.format(stem, ".nan"), "t.yaml", d));
    assertTrue(e.getMessage().startsWith("t.yaml: entry 'Conv-input:224x224x3-output:112x112x32'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ProxylessFormat.fromText(String.format(stem, "-5"), "t.yaml", d));
    assertTrue(e.getMessage().contains("the mean must be a positive, finite number of ms, got -5.0"), e.getMessage());
    String huge = "Conv-input:99999999999x224x3-output:112x112x32:\n  mean: 1\n";
    e = assertThrows(IllegalArgumentException.class, () -> ProxylessFormat.fromText(huge, "t.yaml", d));
    assertTrue(e.getMessage().startsWith("t.yaml: entry 'Conv-input:99999999999x224x3") && e.getMessage().contains("out of range"),
        e.getMessage());
    String zero = "Conv-input:224x224x3-output:0x0x32:\n  mean: 1\n";
    e = assertThrows(IllegalArgumentException.class, () -> ProxylessFormat.fromText(zero, "t.yaml", d));
    assertTrue(e.getMessage().contains("resolutions must be positive"), e.getMessage());
    String csv = "key,count,mean_ms,var_ms2\nConv-input:224x224x3-output:112x112x32,1,NaN,0\n";
    e = assertThrows(IllegalArgumentException.class, () -> ProxylessFormat.fromText(csv, "t.csv", d));
    assertTrue(e.getMessage().startsWith("t.csv: line 2: the mean must be"), e.getMessage());
  }
}
