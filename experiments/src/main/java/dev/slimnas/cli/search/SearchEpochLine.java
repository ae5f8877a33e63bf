package dev.slimnas.cli.search;

import dev.slimnas.supernet.search.SearchTrace;
import dev.slimnas.supernet.search.TraceStep;
import dev.slimnas.supernet.train.EpochResult;
import dev.slimnas.supernet.train.StepResult;
import dev.slimnas.supernet.train.TrainListener;
import dev.slimnas.supernet.train.TrainResult;
import dev.slimnas.supernet.train.TrainRun;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Progress of a search phase: the wrapped progress display, plus after each supernet epoch the searched state. */
final class SearchEpochLine implements TrainListener {
  private final PrintStream out;
  private final Path trace;
  private final TrainListener inner;

  SearchEpochLine(PrintStream out, Path trace, TrainListener inner) {
    this.out = out;
    this.trace = trace;
    this.inner = inner;
  }

  @Override
  public void started(TrainRun run) {
    inner.started(run);
  }

  @Override
  public void stepDone(StepResult step, TrainRun run) {
    inner.stepDone(step, run);
  }

  @Override
  public void epochDone(EpochResult epoch, TrainRun run) {
    inner.epochDone(epoch, run);
    if (!run.folder().dir().getFileName().toString().equals("supernet") || !Files.exists(trace)) {
      return;
    }
    List<TraceStep> steps = new SearchTrace(trace).steps();
    if (steps.isEmpty()) {
      return;
    }
    TraceStep s = steps.get(steps.size() - 1);
    out.printf(Locale.ROOT, "  %s: predicted latency %.2f ms, lambda %.4g, ops %s%n", s.phase(), s.latencyMs(), s.nextLambda(),
        s.arch().replace(',', ' '));
  }

  @Override
  public void finished(TrainResult result, TrainRun run) {
    inner.finished(result, run);
  }
}
