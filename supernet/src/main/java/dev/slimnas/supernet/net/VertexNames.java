package dev.slimnas.supernet.net;

/**
 * Every vertex name of a translated network comes from here, so tests, weight copying and exports can
 * find a layer by the role it plays: {@code stem.conv}, {@code b3.dw.bn}, {@code b7.se.reduce},
 * {@code head.act}, {@code output}.
 */
public final class VertexNames {
  public static final String INPUT = "input";
  public static final String OUTPUT = "output";
  public static final String POOL = "pool";

  private VertexNames() {}

  public static String stem(String part) {
    return "stem." + part;
  }

  public static String head(String part) {
    return "head." + part;
  }

  /** A part of block {@code index}: {@code expand}, {@code dw}, {@code project}, each with conv/bn/act. */
  public static String block(int index, String part) {
    return "b" + index + "." + part;
  }

  public static String conv(String unit) {
    return unit + ".conv";
  }

  public static String bn(String unit) {
    return unit + ".bn";
  }

  public static String act(String unit) {
    return unit + ".act";
  }
}
