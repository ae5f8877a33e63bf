package dev.slimnas.cli.train;

import dev.slimnas.supernet.train.EpochResult;
import dev.slimnas.supernet.train.LoggingListener;
import dev.slimnas.supernet.train.StepResult;
import dev.slimnas.supernet.train.TrainListener;
import dev.slimnas.supernet.train.TrainResult;
import dev.slimnas.supernet.train.TrainRun;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** One progress bar per epoch (rate in images/s and ETA), with the running loss and accuracy. */
public final class ProgressBarListener implements TrainListener {
  private final PrintStream out;
  private ProgressBar bar;
  private int barEpoch = -1;

  /**
   * The listener of a long command: a bar on {@code console}, or with {@code quiet} (logs, background
   * runs) a log line every 50 steps.
   */
  public static TrainListener of(boolean quiet, PrintStream console) {
    return quiet ? new LoggingListener(50) : new ProgressBarListener(console);
  }

  public ProgressBarListener(PrintStream out) {
    this.out = out;
  }

  @Override
  public void stepDone(StepResult s, TrainRun run) {
    if (bar == null || barEpoch != s.epoch()) {
      close();
      int perEpoch = run.state().batchesPerEpoch();
      bar = new ProgressBarBuilder()
          .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", s.epoch() + 1, run.config().epochs()))
          .setInitialMax((long) perEpoch * s.images())
          .setUnit(" img", 1)
          .setStyle(ProgressBarStyle.ASCII)
          .showSpeed()
          .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
          .build();
      bar.stepTo((long) s.batch() * s.images());
      barEpoch = s.epoch();
    }
    bar.stepBy(s.images());
    bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f acc %.1f%% lr %.4f", s.epochLoss(),
        100 * s.epochAccuracy(), s.lr()));
  }

  @Override
  public void epochDone(EpochResult e, TrainRun run) {
    close();
    String eval = e.eval().evaluated()
        ? String.format(Locale.ROOT, ", eval loss %.3f acc %.2f%%", e.eval().loss(), 100 * e.eval().accuracy())
        : "";
    out.printf(Locale.ROOT, "epoch %d: train loss %.3f acc %.2f%%, %.0f img/s, %.0f s%s%n", e.epoch() + 1,
        e.trainLoss(), 100 * e.trainAccuracy(), e.imagesPerSecond(), e.seconds(), eval);
  }

  @Override
  public void finished(TrainResult r, TrainRun run) {
    close();
  }

  private void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
