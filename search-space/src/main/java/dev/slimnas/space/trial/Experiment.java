package dev.slimnas.space.trial;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A set of named, independent trials and the work that runs each.
 *
 * @param name the experiment's name (Spark's application and job names)
 * @param trials the trials, names unique, run folders distinct
 * @param work what every trial does
 * @param <I> the trials' input type
 */
public record Experiment<I extends Serializable>(String name, List<Trial<I>> trials, TrialWork<I> work) {
  public Experiment {
    Objects.requireNonNull(name, "name");
    trials = List.copyOf(trials);
    Objects.requireNonNull(work, "work");
    Set<String> names = new HashSet<>();
    Set<String> folders = new HashSet<>();
    for (Trial<I> t : trials) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("experiment " + name + ": two trials are named " + t.name());
      }
      if (!folders.add(t.runFolder())) {
        throw new IllegalArgumentException("experiment " + name + ": trials share the run folder " + t.runFolder());
      }
    }
  }
}
