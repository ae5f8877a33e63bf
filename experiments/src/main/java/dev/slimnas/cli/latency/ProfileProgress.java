package dev.slimnas.cli.latency;

import dev.slimnas.latency.profile.ProfileEntry;
import dev.slimnas.supernet.profile.ProfileListener;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A console progress bar over the parts of a profile, showing the last measured part. */
final class ProfileProgress implements ProfileListener {
  private final PrintStream out;
  private final String task;
  private ProgressBar bar;

  ProfileProgress(PrintStream out, String task) {
    this.out = out;
    this.task = task;
  }

  @Override
  public void started(int total, int done) {
    bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(out)).setUnit(" parts", 1).build();
    bar.stepTo(done);
  }

  @Override
  public void measured(ProfileEntry e, int index, int total) {
    bar.stepTo(index);
    String key = e.key().length() > 40 ? e.key().substring(0, 40) : e.key();
    bar.setExtraMessage(String.format(Locale.ROOT, " %s %.3f ms", key, e.latency().ms()));
  }

  @Override
  public void finished(int total) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
