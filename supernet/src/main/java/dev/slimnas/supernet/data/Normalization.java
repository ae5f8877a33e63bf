package dev.slimnas.supernet.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-channel normalisation {@code (pixel / 255 - mean) / std}, with mean and std on the 0..1 scale,
 * computed on a training split and recorded with the run.
 *
 * @param mean per-channel mean (0..1 scale)
 * @param std per-channel population standard deviation (0..1 scale), positive
 */
public record Normalization(float[] mean, float[] std) {

  public Normalization {
    mean = mean.clone();
    std = std.clone();
    if (mean.length == 0 || mean.length != std.length) {
      throw new IllegalArgumentException("mean and std need one value per channel: " + Arrays.toString(mean) + " / " + Arrays.toString(std));
    }
    for (float s : std) {
      if (!(s > 0) || !Float.isFinite(s)) {
        throw new IllegalArgumentException("std must be positive and finite: " + Arrays.toString(std));
      }
    }
  }

  /** Mean 0 and std 1: the output is {@code pixel / 255}. */
  public static Normalization identity(int channels) {
    float[] zero = new float[channels];
    float[] one = new float[channels];
    Arrays.fill(one, 1f);
    return new Normalization(zero, one);
  }

  /** Mean and population std per channel over every pixel of {@code data}. */
  public static Normalization of(ImageDataset data) {
    int c = data.channels();
    int plane = data.height() * data.width();
    long[] sum = new long[c];
    long[] sumSq = new long[c];
    byte[] p = data.pixels();
    for (int i = 0; i < data.size(); i++) {
      for (int ch = 0; ch < c; ch++) {
        int off = (i * c + ch) * plane;
        long s = 0;
        long q = 0;
        for (int k = off; k < off + plane; k++) {
          int v = p[k] & 0xFF;
          s += v;
          q += v * v;
        }
        sum[ch] += s;
        sumSq[ch] += q;
      }
    }
    double count = (double) data.size() * plane;
    float[] mean = new float[c];
    float[] std = new float[c];
    for (int ch = 0; ch < c; ch++) {
      double m = sum[ch] / count;
      double var = sumSq[ch] / count - m * m;
      mean[ch] = (float) (m / 255);
      std[ch] = (float) (Math.sqrt(Math.max(var, 1e-12)) / 255);
    }
    return new Normalization(mean, std);
  }

  public int channels() {
    return mean.length;
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  /** Multiplier applied to a raw 0..255 value of channel {@code c}. */
  float scale(int c) {
    return 1f / (255f * std[c]);
  }

  /** Offset added after scaling for channel {@code c}. */
  float shift(int c) {
    return -mean[c] / std[c];
  }

  /** The values for a provenance record or a run summary. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", toList(mean));
    m.put("std", toList(std));
    return m;
  }

  private static java.util.List<Double> toList(float[] v) {
    java.util.List<Double> l = new java.util.ArrayList<>();
    for (float f : v) {
      l.add((double) f);
    }
    return l;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
