package dev.slimnas.fuzz;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One random change to a valid document: a byte flip, a deletion, a duplication, a truncation, a number
 * swapped for an awkward one, a value swapped for one of another type, or deep nesting. Positions are
 * fractions of the text, so one edit applies to a document of any length; a list of edits shrinks.
 */
record Edit(Kind kind, double at, int arg) {
  enum Kind {
    FLIP, DELETE, DUPLICATE, TRUNCATE, NUMBER, TYPE, NEST, LINE
  }

  /** Numbers that break readers: zero, negatives, fractions, overflows of int and long, huge and tiny doubles. */
  static final List<String> NUMBERS = List.of("0", "-1", "-5", "0.5", "10.5", "1e9", "2147483647", "2147483648",
      "-2147483649", "99999999999", "9223372036854775808", "1e308", "-1e308", "1e400", "4.9e-324", "NaN", "-0", "1E2",
      "00012", "-0.0", "1e-5");
  /** Values of every JSON type (and broken ones) to put where another type was. */
  static final List<String> VALUES = List.of("null", "\"\"", "\"x\"", "[]", "{}", "true", "[1, 2]", "{\"a\": 1}",
      "\"../../etc/hostname\"", "\"/etc/hostname\"", "\"k3e6\"", "\"skip\"", "[[[]]]", "\"\\u0000\"");
  /** Characters a flip may put in: structure, quotes, separators, a NUL, a non-ASCII letter, a surrogate half. */
  static final String CHARS = "{}[]\":,\n\r\t 0-9.eE+x\u0000\u00e9\ud800#%'\\";

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final Pattern VALUE = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?|\"[^\"\\n]*\"|true|false|null");

  static Arbitrary<Edit> arbitrary() {
    return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 1 << 16))
        .as(Edit::new);
  }

  /** Between one and {@code max} edits. */
  static Arbitrary<List<Edit>> lists(int max) {
    return arbitrary().list().ofMinSize(1).ofMaxSize(max);
  }

  static String applyAll(String text, List<Edit> edits) {
    String t = text;
    for (Edit e : edits) {
      t = e.apply(t);
    }
    return t;
  }

  String apply(String t) {
    int n = t.length();
    int pos = Math.min(n, (int) (at * n));
    switch (kind) {
      case FLIP:
        if (n == 0) {
          return t;
        }
        int p = Math.min(pos, n - 1);
        return t.substring(0, p) + CHARS.charAt(arg % CHARS.length()) + t.substring(p + 1);
      case DELETE:
        return t.substring(0, pos) + t.substring(Math.min(n, pos + 1 + arg % 64));
      case DUPLICATE: {
        int end = Math.min(n, pos + 1 + arg % 256);
        return t.substring(0, end) + t.substring(pos, end) + t.substring(end);
      }
      case TRUNCATE:
        return t.substring(0, pos);
      case NUMBER:
        return replaceNth(t, NUMBER, NUMBERS.get(arg % NUMBERS.size()));
      case TYPE:
        return replaceNth(t, VALUE, VALUES.get(arg % VALUES.size()));
      case NEST:
        return t.substring(0, pos) + "[".repeat(1 + arg % 5000) + t.substring(pos);
      case LINE: {
        // duplicate, drop or swap whole lines (CSV rows, YAML entries)
        List<String> lines = new java.util.ArrayList<>(List.of(t.split("\n", -1)));
        int i = Math.min(lines.size() - 1, (int) (at * lines.size()));
        int j = arg % lines.size();
        switch (arg % 3) {
          case 0 -> lines.add(i, lines.get(i));
          case 1 -> lines.remove(i);
          default -> java.util.Collections.swap(lines, i, j);
        }
        return String.join("\n", lines);
      }
      default:
        throw new AssertionError(kind);
    }
  }

  /** Replaces the match of {@code p} nearest after the edit's position (or the first one). */
  private String replaceNth(String t, Pattern p, String with) {
    Matcher m = p.matcher(t);
    int from = Math.min(t.length(), (int) (at * t.length()));
    if (m.find(from) || m.find(0)) {
      return t.substring(0, m.start()) + with + t.substring(m.end());
    }
    return t;
  }
}
