package dev.slimnas.supernet.net;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.StageSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryEstimateTest {
  private static ArchSpec huge() {
    ArchSpec a = ReferenceNetworks.mobileNetV2Cifar(0.25);
    List<StageSpec> stages = new ArrayList<>(a.stages());
    int last = stages.size() - 1;
    stages.set(last, stages.get(last).withOut(dev.slimnas.space.spec.Channels.MAX));
    return a.withStages(stages);
  }

  @Test
  void countsParametersExactlyAndActivationsPerImage() {
    ArchSpec a = ReferenceNetworks.mobileNetV2Cifar(0.25);
    MemoryEstimate e = MemoryEstimate.of(a, 4);
    assertEquals(CostModel.of(a).params(), e.parameters());
    // at least every block output and the stem's output, at most a few times the MACs
    assertTrue(e.activationsPerImage() > (long) a.stem().channels() * 32 * 32, e::toString);
    assertTrue(e.trainingBytes(128) > e.trainingBytes(1));
  }

  @Test
  void anAbsurdNetworkIsRefusedWithTheEstimateAndTheLimitBeforeAnyAllocation() {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> MemoryEstimate.check(huge(), 64, 4, 24L << 30));
    String m = x.getMessage();
    assertTrue(m.contains("is too large to train here") && m.contains("24.0 GiB is available") && m.contains("batches of 64"), m);
    assertEquals(1, m.lines().count());
    // Networks.build refuses it too, before ND4J allocates anything
    assertThrows(IllegalArgumentException.class, () -> Networks.build(huge(), NetSettings.defaults(1)));
  }

  @Test
  void anOrdinaryNetworkPasses() {
    assertDoesNotThrow(() -> MemoryEstimate.check(ReferenceNetworks.mobileNetV2(1.0), 128, 4, 24L << 30));
  }
}
