package dev.slimnas.supernet.slim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.search.StageChoice;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.spec.BlockLayout;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The family of ops searched with widths: its full and smallest networks and the spaces it accepts. */
class JointFamilyTest {

  @ParameterizedTest
  @ValueSource(strings = {"spnas-cifar", "spnas-se-cifar"})
  void fullNetworkIsTheSpacesLargestAndSmallestItsCheapest(String name) {
    SearchSpace space = SearchSpaces.get(name, 0.5);
    JointFamily family = SlimmableFamily.searchableOps(space);
    assertEquals(space.max().withName(space.name()), family.fullArch().withName(space.name()));
    assertEquals(space.min().withName(space.name()), family.smallestArch().withName(space.name()));
    for (BlockLayout b : family.fullArch().layout()) {
      BlockOp largest = space.blocks().get(b.index()).largest();
      assertEquals(largest, b.op(), "block " + b.index());
      assertTrue(!largest.isSkip() && (!space.blocks().get(b.index()).searchable() || largest.kernel() == 5
          && largest.expansion() == 6 && largest.se() == name.contains("-se")), largest.code());
    }
    long skips = family.smallestArch().stages().stream().flatMap(s -> s.blocks().stream()).filter(b -> b.op().isSkip()).count();
    assertEquals(15, skips, "every block that may skip does in the smallest network");
  }

  @Test
  void fixedOpsInsideTheFamilyAreItsMembers() {
    JointFamily family = TinyJointSpace.family().withRange(0.5, 0.75);
    ImmutableIntArray ops = ImmutableIntArray.of(TinyJointSpace.K3E3, TinyJointSpace.K5E6, TinyJointSpace.SKIP);
    SlimmableFamily fixed = family.withOps(ops);
    double[] w = fixed.uniform(0.6);
    assertEquals(family.arch(new ArchEncoding(ops, fixed.encoding(w).widths())), fixed.arch(w));
    assertEquals(0.75, family.full().widths().get(0));
    assertEquals(family.arch(family.uniform(ops, 0.75)), family.arch(family.uniform(ops, 2.0)), "multipliers are clamped");
  }

  @Test
  void rejectsOpsThatAreNotWindowsOfTheLargestOp() {
    // BY_SIZE ranks expansion before kernel: k3e6 is the largest, and k5e3's kernel does not fit in it.
    IllegalArgumentException kernel = assertThrows(IllegalArgumentException.class,
        () -> JointFamily.of(oneBlock(List.of(BlockOp.mbconv(5, 3), BlockOp.mbconv(3, 6)))));
    assertTrue(kernel.getMessage().contains("k5e3") && kernel.getMessage().contains("k3e6"), kernel.getMessage());
    IllegalArgumentException se = assertThrows(IllegalArgumentException.class,
        () -> JointFamily.of(oneBlock(List.of(BlockOp.mbconv(3, 3, true), BlockOp.mbconv(5, 6)))));
    assertTrue(se.getMessage().contains("SE"), se.getMessage());
    IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
        () -> JointFamily.of(oneBlock(List.of(BlockOp.mbconv(3, 1), BlockOp.mbconv(3, 6)))));
    assertTrue(e1.getMessage().contains("expansion 1"), e1.getMessage());
    JointFamily.of(oneBlock(List.of(BlockOp.mbconv(3, 3), BlockOp.mbconv(7, 6, true), BlockOp.mbconv(5, 6))));
  }

  @Test
  void acceptsProjWhoseWeightsLiveBesideTheFullNetwork() {
    JointFamily one = JointFamily.of(oneBlock(List.of(BlockOp.PROJ, BlockOp.mbconv(3, 3), BlockOp.mbconv(5, 6))));
    assertEquals(java.util.Set.of(0), one.projectionBlocks());
    JointFamily nbm = JointFamily.of(SearchSpaces.get("nas-bench-macro"));
    assertEquals(java.util.Set.of(0, 2, 5), nbm.projectionBlocks());
    IllegalArgumentException onlyProj = assertThrows(IllegalArgumentException.class,
        () -> JointFamily.of(oneBlock(List.of(BlockOp.PROJ))));
    assertTrue(onlyProj.getMessage().contains("block 0 allows only [proj]"), onlyProj.getMessage());
  }

  private static SearchSpace oneBlock(List<BlockOp> ops) {
    SearchSpace tiny = TinyJointSpace.space();
    return new SearchSpace("one-block", "", tiny.input(), tiny.classes(), tiny.activation(), tiny.stem(),
        List.of(new StageChoice(1, 8, List.of(new BlockChoice(ops)))), tiny.head(), tiny.widths(), tiny.seRatio());
  }
}
