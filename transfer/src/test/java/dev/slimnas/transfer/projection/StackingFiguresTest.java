package dev.slimnas.transfer.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's pictures are drawn from the code; this test fails when they are stale. Regenerate with
 * {@code mvn -pl transfer test -Dtest=StackingFiguresTest -Dtransfer.writeFigures=true}.
 */
class StackingFiguresTest {

  static Iterable<Stacking> all() {
    return Stacking.all();
  }

  @ParameterizedTest
  @MethodSource("all")
  void docsFigureIsCurrent(Stacking s) throws IOException {
    Path file = Path.of("docs", "stacking-" + s.code() + ".svg");
    String svg = StackingFigures.svg(s);
    if (Boolean.getBoolean("transfer.writeFigures")) {
      Files.writeString(file, svg, StandardCharsets.UTF_8);
    }
    assertEquals(svg, Files.readString(file, StandardCharsets.UTF_8), file + " is stale; see the class comment");
  }
}
