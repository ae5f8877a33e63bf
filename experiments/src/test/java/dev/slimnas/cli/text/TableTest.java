package dev.slimnas.cli.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void padsColumnsAndRightAlignsMarkedOnes() {
    String t = Table.of("NAME", ">N").row("a", 1).row("long", 123).render();
    assertEquals("NAME    N\n----  ---\na       1\nlong  123\n", t);
  }

  @Test
  void rejectsRowsOfTheWrongLength() {
    assertThrows(IllegalArgumentException.class, () -> Table.of("A", "B").row("x"));
  }

  @Test
  void formatsUnits() {
    assertEquals("300.77M", Units.si(300_774_272));
    assertEquals("3.50M", Units.si(3_504_872));
    assertEquals("1.73K", Units.si(1_728));
    assertEquals("928", Units.si(928));
    assertEquals("300,774,272", Units.grouped(300_774_272));
    assertEquals("80.44 ms", Units.withUnit(80.4379, "ms"));
    assertEquals("24.4%", Units.percent(19.6, 80.44));
  }
}
