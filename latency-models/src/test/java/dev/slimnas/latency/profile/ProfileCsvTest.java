package dev.slimnas.latency.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.spec.BlockOp;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileCsvTest {
  static final DeviceInfo PHONE = new DeviceInfo("phone", "Some phone", "unknown", "Android", "TFLite", "2.14", "fp32", 1, 1);

  static final String EXAMPLE = String.join("\n",
      "# measured with the TFLite benchmark tool",
      ProfileCsv.HEADER,
      "stem,224,3,32,2,3,,,,,4.397,0.395,949",
      "block,112,32,16,1,3,1,,,,4.036,,310",
      "block,56,24,24,1,5,6,144,0,,10.66,0.32,",
      "block,28,40,40,1,5,3,120,16,,3.1,,",
      "head,7,320,1280,,,,,,1000,7.22,,",
      "overhead,1,1,,,,,,,,0.021,,",
      "");

  @Test
  void parsesEveryKindOfRow() {
    LatencyProfile p = ProfileCsv.parse(EXAMPLE, "phone.csv", PHONE, "median", "iqr");
    assertEquals(6, p.entries().size());
    assertEquals(new StemShape(224, 3, 3, 2, 32), p.entries().get(0).part());
    assertEquals(new BlockShape(112, 32, 16, 1, BlockOp.mbconv(3, 1), 32, 0), p.entries().get(1).part());
    assertEquals(new BlockShape(56, 24, 24, 1, BlockOp.mbconv(5, 6), 144, 0), p.entries().get(2).part());
    assertEquals(new BlockShape(28, 40, 40, 1, BlockOp.mbconv(5, 3, true), 120, 16), p.entries().get(3).part());
    assertEquals(new HeadShape(7, 320, 1280, 1000), p.entries().get(4).part());
    assertEquals(new CallOverhead(1, 1), p.entries().get(5).part());
    assertEquals(new Measurement(4.397, 0.395, 949, 0, 1), p.entries().get(0).latency());
    assertEquals(0.021, p.overheadMs().orElseThrow(), 1e-12);
  }

  @Test
  void formatThenParseGivesTheSameEntries() {
    LatencyProfile p = ProfileCsv.parse(EXAMPLE, "phone.csv", PHONE, "median", "iqr");
    LatencyProfile back = ProfileCsv.parse(ProfileCsv.format(p), "again.csv", PHONE, "median", "iqr");
    assertEquals(p.entries(), back.entries());
  }

  @Test
  void theProxylessTableSurvivesTheCsvForm() {
    LatencyProfile p = ProxylessFormat.pixel1();
    LatencyProfile back = ProfileCsv.parse(ProfileCsv.format(p), "x.csv", p.device(), p.statistic(), p.spread());
    assertEquals(p.entries().stream().map(ProfileEntry::part).toList(), back.entries().stream().map(ProfileEntry::part).toList());
    for (int i = 0; i < p.entries().size(); i++) {
      assertEquals(p.entries().get(i).latency().ms(), back.entries().get(i).latency().ms(), 1e-5 * p.entries().get(i).latency().ms());
    }
  }

  @Test
  void errorsNameLineAndColumn() {
    String bad = ProfileCsv.HEADER + "\nblock,56,24,x,1,5,6,,,,1.0,,\n";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProfileCsv.parse(bad, "p.csv", PHONE, "median", "iqr"));
    assertEquals("p.csv: line 2, column out_channels: not an integer: 'x'", e.getMessage());
    for (String row : List.of("block,56,24,24,1,5,6,,,,-1,,", "wing,1,1,1,1,1,1,,,,1,,", "block,56,24,24,1,5,6,,,", "block,56,24,24,3,5,6,,,,1,,")) {
      IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
          () -> ProfileCsv.parse(ProfileCsv.HEADER + "\n" + row + "\n", "p.csv", PHONE, "median", "iqr"), row);
      assertTrue(x.getMessage().startsWith("p.csv: line 2"), x.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> ProfileCsv.parse("a,b\n", "p.csv", PHONE, "median", "iqr"));
  }
}
