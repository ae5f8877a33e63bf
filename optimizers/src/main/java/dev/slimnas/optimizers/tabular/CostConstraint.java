package dev.slimnas.optimizers.tabular;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A constraint on one cost column of a table, e.g. {@code macs<=median}: {@code <column><op><bound>} with
 * op one of {@code <= < >= >} and bound a number or a quantile of the column over the whole table
 * ({@code min}, {@code max}, {@code median}, {@code pNN} with NN in 0..100; see
 * {@link BenchmarkTable#quantile}).
 *
 * @param column the cost column
 * @param op the comparison
 * @param boundText the bound as written ({@code median}, {@code p25}, {@code 4.5e7})
 * @param bound the resolved bound
 */
public record CostConstraint(String column, Comparison op, String boundText, double bound) {
  /** The grammar, quoted in error messages. */
  public static final String RULE = "<column><=|<|>=|> <number|median|min|max|pNN>, e.g. 'macs<=median' or 'params<=p25'";
  private static final Pattern FORM = Pattern.compile("\\s*([A-Za-z0-9_.\\-]+?)\\s*(<=|>=|<|>)\\s*(\\S+)\\s*");
  private static final Pattern QUANTILE = Pattern.compile("p(\\d+(?:\\.\\d+)?)");

  public CostConstraint {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(op, "op");
    if (!Double.isFinite(bound)) {
      throw new IllegalArgumentException("bound must be finite, got " + bound);
    }
  }

  /** Parses {@code text} against {@code table}; errors name {@code option} and the rule. */
  public static CostConstraint parse(String option, String text, BenchmarkTable table) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(option + " '" + text + "': not of the form " + RULE);
    }
    String column = m.group(1);
    if (!table.sidecar().costs().contains(column)) {
      throw new IllegalArgumentException(option + " '" + text + "': unknown cost column '" + column + "' (cost columns of "
          + table.name() + ": " + String.join(", ", table.sidecar().costs()) + "); rule: " + RULE);
    }
    Comparison op = switch (m.group(2)) {
      case "<=" -> Comparison.LE;
      case "<" -> Comparison.LT;
      case ">=" -> Comparison.GE;
      default -> Comparison.GT;
    };
    String b = m.group(3).toLowerCase(Locale.ROOT);
    double bound;
    Matcher q = QUANTILE.matcher(b);
    if (b.equals("median")) {
      bound = table.quantile(column, 0.5);
    } else if (b.equals("min")) {
      bound = table.quantile(column, 0);
    } else if (b.equals("max")) {
      bound = table.quantile(column, 1);
    } else if (q.matches()) {
      double pct = Double.parseDouble(q.group(1));
      if (pct > 100) {
        throw new IllegalArgumentException(option + " '" + text + "': quantile p" + q.group(1)
            + " is out of range (p0..p100); rule: " + RULE);
      }
      bound = table.quantile(column, pct / 100);
    } else {
      try {
        bound = Double.parseDouble(b);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " '" + text + "': bound '" + m.group(3)
            + "' is neither a number nor median, min, max or pNN; rule: " + RULE);
      }
      if (!Double.isFinite(bound)) {
        throw new IllegalArgumentException(option + " '" + text + "': bound must be a finite number; rule: " + RULE);
      }
    }
    return new CostConstraint(column, op, m.group(3), bound);
  }

  /** True if row {@code row} of {@code table} satisfies the constraint. */
  public boolean test(BenchmarkTable table, int row) {
    return op.test(table.value(column, row), bound);
  }

  /** How far row {@code row} is from satisfying it (0 if it does). */
  public double violation(BenchmarkTable table, int row) {
    return op.violation(table.value(column, row), bound);
  }

  /** E.g. {@code macs<=median (47,327,744)}. */
  public String describe() {
    String resolved = bound == Math.rint(bound) && Math.abs(bound) < 1e15
        ? String.format(Locale.ROOT, "%,d", (long) bound) : String.format(Locale.ROOT, "%.6g", bound);
    return column + op.symbol() + boundText + (boundText.equals(resolved.replace(",", "")) ? "" : " (" + resolved + ")");
  }
}
