package dev.slimnas.optimizers.tabular;

/** The comparison of a {@link CostConstraint}: {@code <=}, {@code <}, {@code >=}, {@code >}. */
public enum Comparison {
  LE("<="), LT("<"), GE(">="), GT(">");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** True if {@code value <op> bound}. */
  public boolean test(double value, double bound) {
    switch (this) {
      case LE:
        return value <= bound;
      case LT:
        return value < bound;
      case GE:
        return value >= bound;
      default:
        return value > bound;
    }
  }

  /** How far {@code value} is from satisfying {@code <op> bound} (0 if it does), for repair. */
  public double violation(double value, double bound) {
    if (test(value, bound)) {
      return 0;
    }
    return Math.abs(value - bound) + Math.ulp(bound);
  }
}
