package dev.slimnas.transfer.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the README's stacking pictures (SVG) from the real {@link Stacking} implementations: a proxy
 * stage on top, the target stage below, bars as tall as the ratios, with the rule that links them
 * (lines to the nearest proxy block, or the interpolating polyline).
 */
final class StackingFigures {
  static final double[] PROXY = {0.5, 1.0, 0.75};
  static final int TARGET_BLOCKS = 7;

  private static final double X0 = 80;
  private static final double W = 520;
  private static final double H = 100;
  private static final double TOP = 50;
  private static final double BOTTOM = 215;
  private static final double MAX_RATIO = 1.2;

  private StackingFigures() {}

  static String svg(Stacking stacking) {
    List<UnitRatio> samples = new ArrayList<>();
    for (int j = 0; j < PROXY.length; j++) {
      samples.add(UnitRatio.sample(RelativeDepth.of(j, PROXY.length), PROXY[j]));
    }
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"370\" viewBox=\"0 0 640 370\" ")
        .append("font-family=\"sans-serif\" font-size=\"12\">\n");
    s.append("<rect width=\"640\" height=\"370\" fill=\"white\"/>\n");
    s.append(text(320, 22, "middle", 14, stacking.code() + " stacking: a proxy stage of " + PROXY.length
        + " blocks onto a target stage of " + TARGET_BLOCKS));
    panel(s, TOP, "proxy", PROXY, "#9ecae1");
    double[] target = new double[TARGET_BLOCKS];
    for (int i = 0; i < TARGET_BLOCKS; i++) {
      target[i] = stacking.ratio(samples, RelativeDepth.of(i, TARGET_BLOCKS));
    }
    panel(s, BOTTOM, "target", target, "#fdae6b");
    if (stacking instanceof Stacking.Nearest) {
      for (int i = 0; i < TARGET_BLOCKS; i++) {
        double d = RelativeDepth.of(i, TARGET_BLOCKS);
        UnitRatio src = Stacking.nearest(samples, d);
        s.append(line(x(src.relativeDepth()), y(TOP, src.ratio()), x(d), y(BOTTOM, target[i]), "#555", "4 3"));
      }
    } else {
      StringBuilder pts = new StringBuilder();
      pts.append(fmt(x(0))).append(',').append(fmt(y(BOTTOM, PROXY[0]))).append(' ');
      for (UnitRatio u : samples) {
        pts.append(fmt(x(u.relativeDepth()))).append(',').append(fmt(y(BOTTOM, u.ratio()))).append(' ');
      }
      pts.append(fmt(x(1))).append(',').append(fmt(y(BOTTOM, PROXY[PROXY.length - 1])));
      s.append("<polyline points=\"").append(pts).append("\" fill=\"none\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>\n");
      for (UnitRatio u : samples) {
        s.append(line(x(u.relativeDepth()), y(TOP, u.ratio()), x(u.relativeDepth()), y(BOTTOM, u.ratio()), "#bbb", "2 3"));
        s.append(circle(x(u.relativeDepth()), y(BOTTOM, u.ratio()), 4, "#3182bd"));
      }
    }
    for (int i = 0; i < TARGET_BLOCKS; i++) {
      s.append(circle(x(RelativeDepth.of(i, TARGET_BLOCKS)), y(BOTTOM, target[i]), 3, "#e6550d"));
    }
    s.append(text(X0 + W / 2, 362, "middle", 12, "relative depth in the stage: (i + 0.5) / n, the centre of each block's slot"));
    s.append("</svg>\n");
    return s.toString();
  }

  private static void panel(StringBuilder s, double top, String label, double[] ratios, String fill) {
    int n = ratios.length;
    double base = top + H;
    s.append(text(X0 - 10, top + H / 2, "end", 12, label));
    s.append(text(X0 - 10, top + H / 2 + 15, "end", 11, n + " blocks"));
    for (int i = 0; i < n; i++) {
      double x = X0 + W * i / n;
      double y = y(top, ratios[i]);
      s.append(String.format(Locale.ROOT,
          "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\" stroke=\"white\" stroke-width=\"2\"/>\n",
          fmt(x), fmt(y), fmt(W / n), fmt(base - y), fill));
      s.append(text(x + W / n / 2, base - 6, "middle", 11, String.format(Locale.ROOT, "%.2f", ratios[i])));
    }
    s.append(line(X0, base, X0 + W, base, "#333", null));
    for (double t : new double[] {0, 0.5, 1}) {
      s.append(line(x(t), base, x(t), base + 5, "#333", null));
      s.append(text(x(t), base + 17, "middle", 10, t == 0.5 ? "0.5" : String.valueOf((int) t)));
    }
  }

  private static double x(double depth) {
    return X0 + W * depth;
  }

  private static double y(double top, double ratio) {
    return top + H * (1 - ratio / MAX_RATIO);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String line(double x1, double y1, double x2, double y2, String stroke, String dash) {
    return String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\"%s/>\n",
        fmt(x1), fmt(y1), fmt(x2), fmt(y2), stroke, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
  }

  private static String circle(double cx, double cy, double r, String fill) {
    return String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\"/>\n", fmt(cx), fmt(cy), fmt(r), fill);
  }

  private static String text(double x, double y, String anchor, int size, String t) {
    return String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\" font-size=\"%d\">%s</text>\n",
        fmt(x), fmt(y), anchor, size, t);
  }
}
