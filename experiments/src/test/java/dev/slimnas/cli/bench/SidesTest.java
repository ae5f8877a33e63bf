package dev.slimnas.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.bench.ChildProcess;
import dev.slimnas.bench.SideResult;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SidesTest {

  @Test
  void dl4jSideGetsTheSpinCountAndPyTorchSideRunsWithOpenMpDefaults() {
    Map<String, String> dl4j = Sides.env(SideResult.DL4J, 2);
    assertEquals("2", dl4j.get("OMP_NUM_THREADS"));
    assertEquals(Sides.dl4jSpinCount(), dl4j.get(Nd4jSetup.SPIN_COUNT_ENV));
    Map<String, String> torch = Sides.env(SideResult.PYTORCH, 2);
    assertEquals("2", torch.get("OMP_NUM_THREADS"));
    assertTrue(torch.containsKey(Nd4jSetup.SPIN_COUNT_ENV) && torch.get(Nd4jSetup.SPIN_COUNT_ENV) == null,
        "the PyTorch side's spin count is removed, not inherited");
    assertTrue(torch.containsKey("OMP_WAIT_POLICY") && torch.get("OMP_WAIT_POLICY") == null);
  }

  @Test
  void aNullValueRemovesTheVariableFromTheChildsEnvironment() {
    String inherited = "PATH";
    java.util.HashMap<String, String> env = new java.util.HashMap<>();
    env.put(inherited, null);
    env.put("SLIMNAS_SIDES_TEST", "set");
    ChildProcess.Outcome o = ChildProcess.run(List.of("/usr/bin/env"), env, Duration.ofSeconds(30));
    assertTrue(o.ok(), o.stderr());
    List<String> lines = o.stdout().lines().toList();
    assertTrue(lines.contains("SLIMNAS_SIDES_TEST=set"), o.stdout());
    assertTrue(lines.stream().noneMatch(l -> l.startsWith(inherited + "=")), o.stdout());
  }
}
