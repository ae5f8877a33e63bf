package dev.slimnas.latency.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProfilePlanTest {
  static final SearchSpace CIFAR = SearchSpaces.get("spnas-cifar");

  @Test
  void coversEveryPositionAndOpAtEachMultiplier() {
    ProfilePlan p = ProfilePlan.forSpace(CIFAR, new ProfilePlan.Settings(List.of(1.0), List.of(), 0, 0, 1));
    Set<String> keys = p.parts().stream().map(ProfilePart::key).collect(Collectors.toSet());
    ArchSpec max = CIFAR.max();
    for (BlockLayout b : max.layout()) {
      for (BlockOp op : CIFAR.blocks().get(b.index()).ops()) {
        if (!op.isSkip()) {
          int hidden = op.expansion() == 1 ? b.inChannels() : b.inChannels() * op.expansion();
          assertTrue(keys.contains(new BlockShape(b.inResolution(), b.inChannels(), b.outChannels(), b.stride(), op, hidden, 0).key()),
              b.label() + " " + op.code());
        }
      }
    }
    assertTrue(keys.contains(StemShape.of(max).key()) && keys.contains(HeadShape.of(max).key()));
    assertTrue(p.parts().get(0) instanceof CallOverhead);
    // 2 fixed blocks + 5 stages x (first, later) x 4 ops + stem + head + overhead
    assertEquals(2 + 5 * 2 * 4 + 3, p.size());
  }

  @Test
  void randomArchitecturesAndNetworksAreSeeded() {
    ProfilePlan.Settings s = new ProfilePlan.Settings(List.of(0.5), List.of(), 2, 3, 7);
    ProfilePlan a = ProfilePlan.forSpace(CIFAR, s);
    assertEquals(a, ProfilePlan.forSpace(CIFAR, s));
    assertEquals(3, a.parts().stream().filter(x -> x instanceof NetworkShape).count());
    assertTrue(a.size() > ProfilePlan.forSpace(CIFAR, new ProfilePlan.Settings(List.of(0.5), List.of(), 0, 3, 7)).size() + 100);
  }

  @Test
  void remainingSkipsMeasuredPartsAndPlansMergeWithoutDuplicates() {
    ProfilePlan p = ProfilePlan.forSpace(CIFAR, new ProfilePlan.Settings(List.of(1.0), List.of(), 0, 0, 1));
    LatencyProfile done = LatencyProfile.empty(LatencyProfileTest.DEVICE, "wall", Map.of())
        .with(new ProfileEntry(p.parts().get(0), Measurement.of(0.01)))
        .with(new ProfileEntry(p.parts().get(5), Measurement.of(1)));
    assertEquals(p.size() - 2, p.remaining(done).size());
    assertEquals(p.size(), p.plus(p).size());
    ProfilePlan other = ProfilePlan.forSpace(SearchSpaces.get("spnas-224"), new ProfilePlan.Settings(List.of(1.0), List.of(), 0, 0, 1));
    assertEquals(p.size() + other.size() - 1, p.plus(other).size(), "the call overhead is shared");
  }

  @Test
  void otherResolutionsScaleEveryShape() {
    ProfilePlan p = ProfilePlan.forSpace(CIFAR, new ProfilePlan.Settings(List.of(1.0), List.of(64), 0, 0, 1));
    assertTrue(p.parts().stream().anyMatch(x -> x instanceof StemShape st && st.resolution() == 64));
    assertTrue(p.parts().stream().noneMatch(x -> x instanceof StemShape st && st.resolution() == 32));
  }
}
