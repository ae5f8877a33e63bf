package dev.slimnas.supernet.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.optimizers.budget.LatencyTarget;
import dev.slimnas.space.json.SpecFileException;
import org.junit.jupiter.api.Test;

class SearchConfigTest {
  @Test
  void roundTripsThroughJsonWithEitherTarget() {
    SearchConfig fixed = SearchConfig.published();
    assertEquals(fixed, SearchConfig.parse(fixed.toJson(), "search.json"));
    SearchConfig budget = fixed.withTarget(LatencyTarget.Budget.of(70));
    assertEquals(budget, SearchConfig.parse(budget.toJson(), "search.json"));
    assertTrue(budget.toJson().contains("\"budgetMs\""));
  }

  @Test
  void aBadFieldIsNamedWithTheFile() {
    String text = SearchConfig.published().toJson().replace("\"indicatorDropout\" : 0.4", "\"indicatorDropout\" : 1.5");
    SpecFileException e = assertThrows(SpecFileException.class, () -> SearchConfig.parse(text, "my-search.json"));
    assertTrue(e.getMessage().contains("my-search.json") && e.getMessage().contains("indicatorDropout"), e.getMessage());
  }

  @Test
  void warmupMustLeaveSearchEpochs() {
    assertThrows(IllegalArgumentException.class, () -> SearchConfig.published().withWarmupEpochs(8));
  }
}
