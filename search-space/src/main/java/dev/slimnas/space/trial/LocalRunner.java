package dev.slimnas.space.trial;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the trials one after another in this JVM, in the experiment's order, with the engine's threads as they
 * are: what every experiment command did before trials existed, with identical results.
 */
public final class LocalRunner implements TrialRunner {
  private final boolean interactive;

  /** @param interactive true when the trials may draw progress bars on the terminal */
  public LocalRunner(boolean interactive) {
    this.interactive = interactive;
  }

  @Override
  public <I extends Serializable> List<TrialResult> run(Experiment<I> experiment, Consumer<TrialResult> onResult) {
    TrialContext context = new TrialContext(0, interactive, describe());
    List<TrialResult> results = new ArrayList<>();
    for (Trial<I> t : experiment.trials()) {
      Optional<TrialResult> done = experiment.work().finished(t);
      TrialResult r = done.isPresent() ? done.get() : experiment.work().run(t, context);
      if (!r.trial().equals(t.name())) {
        throw new IllegalStateException("trial " + t.name() + " returned the result of " + r.trial());
      }
      results.add(r);
      onResult.accept(r);
    }
    return results;
  }

  @Override
  public String describe() {
    return "local";
  }
}
