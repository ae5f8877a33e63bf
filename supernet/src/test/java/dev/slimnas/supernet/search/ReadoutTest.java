package dev.slimnas.supernet.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.LatencyModels;
import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.latency.diff.DifferentiableLatency;
import dev.slimnas.latency.lut.SinglePathTable;
import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadoutTest {
  @Test
  void indicatorsAndOpsRoundTrip() {
    for (BlockOp op : List.of(BlockOp.SKIP, BlockOp.mbconv(3, 3), BlockOp.mbconv(3, 6), BlockOp.mbconv(5, 3),
        BlockOp.mbconv(5, 6), BlockOp.mbconv(5, 6, true))) {
      assertEquals(op, Readout.op(Readout.indicators(op)));
    }
  }

  @Test
  void cifarSearchMapsBlockForBlockOntoTheDeploymentSpace() {
    Readout.check(SearchSpaces.get("spnas-cifar"), SearchSpaces.get("spnas-224"));
    Readout.check(SearchSpaces.get("spnas-se-cifar"), SearchSpaces.get("spnas-se-224"));
    assertThrows(IllegalArgumentException.class,
        () -> Readout.check(SearchSpaces.get("spnas-se-cifar"), SearchSpaces.get("spnas-224")));
  }

  @Test
  void theFinalSinglePathNetworkReadsBackAndItsLatencyAgreesWithTheTable() {
    ArchSpec cifar = ReferenceNetworks.singlePathNasFinalCifar();
    List<BlockIndicators> ind = Readout.indicators(cifar);
    ArchSpec back = Readout.architecture(SearchSpaces.get("spnas-cifar"), ind);
    assertEquals(cifar.ops(), back.ops());
    ArchSpec deploy = Readout.architecture(SearchSpaces.get("spnas-224"), ind);
    assertEquals(ReferenceNetworks.singlePathNasFinal().ops(), deploy.ops());
    SinglePathTable table = SinglePathTable.load();
    double viaDiff = DifferentiableLatency.of(table).evaluate(ind).value();
    assertEquals(LatencyModels.get(SinglePathTable.ID).predict(deploy), viaDiff, 1e-6);
  }

  @Test
  void randomArchitecturesAgreeBetweenDifferentiableAndTableLatency() {
    SearchSpace space = SearchSpaces.get("spnas-cifar");
    SinglePathTable table = SinglePathTable.load();
    Random rng = new Random(11);
    for (int i = 0; i < 20; i++) {
      ArchSpec a = space.sampleUniform(rng);
      ArchSpec deploy = Readout.architecture(SearchSpaces.get("spnas-224"), Readout.indicators(a));
      assertEquals(table.predict(deploy), DifferentiableLatency.of(table).evaluate(Readout.indicators(a)).value(), 1e-6);
    }
  }

  @Test
  void rejectsAnOpTheSpaceDoesNotAllowNamingTheBlock() {
    List<BlockIndicators> ind = new java.util.ArrayList<>(Readout.indicators(ReferenceNetworks.singlePathNasFinalCifar()));
    ind.set(1, new BlockIndicators(0, 0, 0, 0)); // block 1 is the first of its stage: no skip
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Readout.architecture(SearchSpaces.get("spnas-cifar"), ind));
    assertTrue(e.getMessage().startsWith("block 1 of spnas-cifar"), e.getMessage());
  }
}
