package dev.slimnas.optimizers.joslim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import java.util.List;
import org.junit.jupiter.api.Test;

class WidthArchiveTest {
  static final ArchEncoding A = SyntheticWidths.DOMAIN.uniform(0.5);
  static final ArchEncoding B = SyntheticWidths.DOMAIN.uniform(0.75);

  @Test
  void unscoredEntriesStayOffTheFrontUntilRescored() {
    WidthArchive a = WidthArchive.empty().with(A, 1).with(B, 2);
    assertEquals(2, a.size());
    assertTrue(a.front().isEmpty());
    WidthArchive scored = a.rescored(SyntheticWidths::loss);
    assertEquals(2, scored.front().size());
    assertEquals(SyntheticWidths.loss(A), scored.entries().get(0).loss());
  }

  @Test
  void addingAKnownEncodingKeepsOneEntry() {
    WidthArchive a = WidthArchive.empty().withScored(A, 1, 3.0);
    assertSame(a, a.with(A, 1));
    assertEquals(2.0, a.withScored(A, 1, 2.0).entries().get(0).loss());
    assertThrows(IllegalArgumentException.class,
        () -> new WidthArchive(List.of(new WidthArchive.Entry(A, 1, 1), new WidthArchive.Entry(A, 1, 1))));
  }

  @Test
  void domainOfASpaceMakesCanonicalEncodings() {
    SearchSpace space = SearchSpaces.get("spnas-cifar");
    WidthDomain d = WidthDomain.of(space, ImmutableIntArray.copyOf(new int[space.blockCount()]));
    ArchEncoding e = d.uniform(0.51);
    assertEquals(e, space.encode(space.decode(e)));
    assertEquals(d.smallest(), d.fromUnit(new double[d.dimension()]));
  }
}
