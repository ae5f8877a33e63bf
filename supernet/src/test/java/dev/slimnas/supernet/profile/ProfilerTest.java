package dev.slimnas.supernet.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.profile.BlockShape;
import dev.slimnas.latency.profile.CallOverhead;
import dev.slimnas.latency.profile.DeviceInfo;
import dev.slimnas.latency.profile.HeadShape;
import dev.slimnas.latency.profile.LatencyProfile;
import dev.slimnas.latency.profile.Measurement;
import dev.slimnas.latency.profile.ProfileEntry;
import dev.slimnas.latency.profile.ProfilePlan;
import dev.slimnas.latency.profile.StemShape;
import dev.slimnas.space.spec.Activation;
import dev.slimnas.space.spec.BlockOp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiler mechanics on tiny parts; no assertion looks at a timing value. */
class ProfilerTest {
  static final DeviceInfo DEVICE = new DeviceInfo("test-cpu", "host", "cpu", "os", "ND4J", "M2.1", "fp32", 1, 1);
  static final ProfilePlan PLAN = new ProfilePlan(List.of(
      new ProfilePlan.Item(new CallOverhead(1, 1), Activation.RELU),
      new ProfilePlan.Item(new StemShape(8, 3, 3, 1, 8), Activation.RELU),
      new ProfilePlan.Item(new BlockShape(8, 8, 8, 1, BlockOp.mbconv(3, 3), 24, 0), Activation.RELU),
      new ProfilePlan.Item(new BlockShape(8, 8, 16, 2, BlockOp.mbconv(5, 6, true), 48, 8), Activation.RELU),
      new ProfilePlan.Item(new HeadShape(4, 16, 32, 10), Activation.RELU)));

  static Profiler quick() {
    return new Profiler(MeterSettings.defaults().quick(), 1);
  }

  /** Records what the profiler reports. */
  static final class Recorder implements ProfileListener {
    int total = -1;
    int done = -1;
    final List<String> measured = new ArrayList<>();

    @Override
    public void started(int t, int d) {
      total = t;
      done = d;
    }

    @Override
    public void measured(ProfileEntry e, int index, int t) {
      measured.add(e.key());
    }
  }

  @Test
  void measuresEveryPartAndWritesTheFile(@TempDir Path dir) {
    Path f = dir.resolve("p.json");
    Recorder r = new Recorder();
    LatencyProfile p = quick().run(LatencyProfile.empty(DEVICE, "wall", Map.of()), PLAN, f, r);
    assertEquals(5, p.entries().size());
    assertEquals(p, LatencyProfile.read(f));
    assertEquals(5, r.total);
    assertEquals(0, r.done);
    assertEquals(5, r.measured.size());
    for (ProfileEntry e : p.entries()) {
      assertTrue(e.latency().ms() > 0 && e.latency().samples() + e.latency().outliers() >= 5 && e.latency().rounds() == 1, e.toString());
    }
  }

  @Test
  void resumesKeepingWhatWasMeasured(@TempDir Path dir) {
    Path f = dir.resolve("p.json");
    ProfileEntry kept = new ProfileEntry(PLAN.parts().get(2), new Measurement(123.0, 1, 10, 0, 1));
    LatencyProfile partial = LatencyProfile.empty(DEVICE, "wall", Map.of()).with(kept);
    partial.write(f);
    Recorder r = new Recorder();
    LatencyProfile p = quick().run(LatencyProfile.read(f), PLAN, f, r);
    assertEquals(1, r.done);
    assertEquals(4, r.measured.size());
    assertEquals(kept, p.find(kept.part()).orElseThrow());
    Recorder again = new Recorder();
    quick().run(p, PLAN, f, again);
    assertEquals(5, again.done);
    assertTrue(again.measured.isEmpty());
  }

  @Test
  void refusesToMixBatchSizes() {
    LatencyProfile batch8 = LatencyProfile.empty(DEVICE.withBatch(8), "wall", Map.of());
    assertThrows(IllegalArgumentException.class, () -> quick().run(batch8, PLAN, null, new Recorder()));
  }
}
