package dev.slimnas.transfer.report;

import dev.slimnas.space.io.Provenance;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Where a report was made: UTC time, git commit of the code, Java/OS/library versions (as in
 * {@link Provenance}, whose nullable seed a report does not need: a transfer is deterministic).
 */
public record ReportProvenance(String created, String gitCommit, Map<String, String> environment) {
  public ReportProvenance {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(gitCommit, "gitCommit");
    environment = Map.copyOf(environment);
  }

  /** This process, now. */
  public static ReportProvenance capture() {
    return new ReportProvenance(Instant.now().toString(), Provenance.captureGitCommit(), Provenance.captureEnvironment());
  }
}
