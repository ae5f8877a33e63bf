package dev.slimnas.space.spec;

/** Internal validation helpers shared by the spec records. */
final class Specs {
  private Specs() {}

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
