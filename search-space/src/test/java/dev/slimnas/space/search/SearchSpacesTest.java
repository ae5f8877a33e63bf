package dev.slimnas.space.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SearchSpacesTest {
  @Test
  void searchableSeDoublesEverySearchableChoiceAndKeepsFixedBlocks() {
    SearchSpace plain = SearchSpaces.get("spnas-cifar");
    SearchSpace se = SearchSpaces.get("spnas-se-cifar");
    for (int s = 0; s < plain.stages().size(); s++) {
      for (int b = 0; b < plain.stages().get(s).blocks().size(); b++) {
        BlockChoice p = plain.stages().get(s).blocks().get(b);
        BlockChoice q = se.stages().get(s).blocks().get(b);
        if (!p.searchable()) {
          assertEquals(p, q);
        } else {
          long mbconv = p.ops().stream().filter(o -> !o.isSkip()).count();
          assertEquals(p.ops().size() + mbconv, q.ops().size());
          assertTrue(q.ops().contains(BlockOp.mbconv(5, 6, true)));
        }
      }
    }
  }

  @Test
  void seSpacesSampleValidArchitecturesWithSe() {
    SearchSpace se = SearchSpaces.get("spnas-se-224");
    Random rng = new Random(3);
    boolean sawSe = false;
    for (int i = 0; i < 20; i++) {
      ArchSpec a = se.sampleUniform(rng);
      se.check(a);
      sawSe |= a.ops().stream().anyMatch(BlockOp::se);
    }
    assertTrue(sawSe);
    assertFalse(SearchSpaces.get("spnas-224").max().ops().stream().anyMatch(BlockOp::se));
  }
}
