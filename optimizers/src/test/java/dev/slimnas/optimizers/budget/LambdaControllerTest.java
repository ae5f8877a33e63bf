package dev.slimnas.optimizers.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LambdaControllerTest {
  @Test
  void fixedLambdaNeverMoves() {
    LambdaController c = LambdaController.start(new LatencyTarget.Fixed(0.02));
    for (int i = 0; i < 10; i++) {
      c = c.observe(200);
    }
    assertEquals(0.02, c.lambda());
    assertEquals(10, c.steps());
  }

  @Test
  void overBudgetRaisesLambdaUnderBudgetLowersIt() {
    LatencyTarget.Budget b = LatencyTarget.Budget.of(70);
    LambdaController start = LambdaController.start(b);
    assertTrue(start.observe(90).lambda() > start.lambda());
    assertTrue(start.observe(50).lambda() < start.lambda());
    assertEquals(start.lambda(), start.observe(70 * 0.97).lambda(), 1e-12);
  }

  @Test
  void staysWithinItsBounds() {
    LatencyTarget.Budget b = new LatencyTarget.Budget(70, 0.02, 1.0, 0.97, 0.01, 0.05);
    LambdaController c = LambdaController.start(b);
    for (int i = 0; i < 50; i++) {
      c = c.observe(1000);
    }
    assertEquals(0.05, c.lambda());
    for (int i = 0; i < 50; i++) {
      c = c.observe(1);
    }
    assertEquals(0.01, c.lambda());
  }

  /** A toy search: latency responds to lambda (higher lambda, faster net); the loop settles at the target. */
  @Test
  void closedLoopSettlesNearTheTarget() {
    LatencyTarget.Budget b = LatencyTarget.Budget.of(70);
    LambdaController c = LambdaController.start(b);
    double latency = 100;
    for (int i = 0; i < 2000; i++) {
      double wanted = 40 + 60 * Math.exp(-c.lambda() * 20); // the "network" the search would settle on
      latency += 0.05 * (wanted - latency);
      c = c.observe(latency);
    }
    assertEquals(70 * 0.97, latency, 1.0);
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> LatencyTarget.Budget.of(-1));
    assertThrows(IllegalArgumentException.class, () -> new LatencyTarget.Fixed(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> LambdaController.start(LatencyTarget.Budget.of(70)).observe(0));
  }
}
