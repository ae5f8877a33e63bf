package dev.slimnas.supernet.train;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs progress through SLF4J (logger {@code dev.slimnas.supernet.train}): steps every k, epochs, the end. */
public final class LoggingListener implements TrainListener {
  private static final Logger LOG = LoggerFactory.getLogger("dev.slimnas.supernet.train");
  private final int everySteps;

  /** @param everySteps log every this many steps (0: epochs only) */
  public LoggingListener(int everySteps) {
    Checks.atLeast("everySteps", everySteps, 0);
    this.everySteps = everySteps;
  }

  @Override
  public void started(TrainRun run) {
    TrainState s = run.state();
    LOG.info("{} {} at epoch {} batch {} (step {}), {} batches per epoch, config {}", run.resumed() ? "resuming" : "starting",
        run.folder().dir(), s.epoch(), s.nextBatch(), s.step(), s.batchesPerEpoch(), s.configFingerprint());
  }

  @Override
  public void stepDone(StepResult r, TrainRun run) {
    if (everySteps > 0 && (r.step() + 1) % everySteps == 0) {
      LOG.info(String.format(Locale.ROOT, "epoch %d batch %d step %d: loss %.4f acc %.3f (epoch %.4f / %.3f) lr %.5f %.1f img/s",
          r.epoch(), r.batch(), r.step(), r.loss(), r.accuracy(), r.epochLoss(), r.epochAccuracy(), r.lr(), r.imagesPerSecond()));
    }
  }

  @Override
  public void epochDone(EpochResult e, TrainRun run) {
    String eval = e.eval().evaluated()
        ? String.format(Locale.ROOT, ", eval loss %.4f acc %.4f (%d images, %.0f img/s)", e.eval().loss(), e.eval().accuracy(),
            e.eval().images(), e.eval().imagesPerSecond())
        : "";
    LOG.info(String.format(Locale.ROOT, "epoch %d: train loss %.4f acc %.4f, %.1f img/s, %.1f s%s", e.epoch(), e.trainLoss(),
        e.trainAccuracy(), e.imagesPerSecond(), e.seconds(), eval));
  }

  @Override
  public void finished(TrainResult r, TrainRun run) {
    LOG.info(String.format(Locale.ROOT, "finished %s: %d steps, %.1f s, %.1f img/s, eval accuracy %.4f", run.folder().dir(), r.steps(),
        r.seconds(), r.imagesPerSecond(), r.eval().accuracy()));
  }
}
