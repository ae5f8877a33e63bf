package dev.slimnas.space.bench;

import com.google.common.primitives.ImmutableDoubleArray;
import com.google.common.primitives.ImmutableIntArray;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NAS-Bench-Macro's 8-character architecture codes (one digit per block: 0 identity, 1 MBConv k3 e3,
 * 2 MBConv k5 e6) to and from encodings and architectures of the {@code nas-bench-macro} space. The
 * digit is the block's op index in that space, so the codec is a plain digit-to-index map.
 */
public final class NasBenchMacroCodes {
  /** Digits per code (blocks of the space). */
  public static final int LENGTH = 8;

  /** Choices per block. */
  public static final int CHOICES = 3;

  /** Number of codes: 3^8. */
  public static final int COUNT = 6561;

  private static final SearchSpace SPACE = SearchSpaces.nasBenchMacro();

  private NasBenchMacroCodes() {}

  /** The space the codes describe. */
  public static SearchSpace space() {
    return SPACE;
  }

  /** The encoding of a code; throws with the code and the rule when it is malformed. */
  public static ArchEncoding encoding(String code) {
    int[] ops = digits(code);
    double[] widths = new double[SPACE.widthGroups().size()];
    Arrays.fill(widths, 1.0);
    return new ArchEncoding(ImmutableIntArray.copyOf(ops), ImmutableDoubleArray.copyOf(widths));
  }

  /** The network a code names, called {@code nas-bench-macro-<code>}. */
  public static ArchSpec arch(String code) {
    return SPACE.decode(encoding(code)).withName(SearchSpaces.NAS_BENCH_MACRO + "-" + code);
  }

  /** The code of an encoding of the space. */
  public static String code(ArchEncoding encoding) {
    if (encoding.ops().length() != LENGTH) {
      throw new IllegalArgumentException("a NAS-Bench-Macro encoding has " + LENGTH + " op decisions, got "
          + encoding.ops().length());
    }
    StringBuilder sb = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      int op = encoding.ops().get(i);
      if (op < 0 || op >= CHOICES) {
        throw new IllegalArgumentException("op decision " + i + " is " + op + ", a NAS-Bench-Macro digit is 0..2");
      }
      sb.append((char) ('0' + op));
    }
    return sb.toString();
  }

  /** The code of an architecture; throws {@code ArchValidationException} if it is not in the space. */
  public static String code(ArchSpec arch) {
    return code(SPACE.encode(arch));
  }

  /** All 6,561 codes in ascending order ({@code 00000000} .. {@code 22222222}). */
  public static List<String> all() {
    List<String> out = new ArrayList<>(COUNT);
    for (int n = 0; n < COUNT; n++) {
      char[] c = new char[LENGTH];
      int v = n;
      for (int i = LENGTH - 1; i >= 0; i--) {
        c[i] = (char) ('0' + v % CHOICES);
        v /= CHOICES;
      }
      out.add(new String(c));
    }
    return List.copyOf(out);
  }

  private static int[] digits(String code) {
    if (code == null) {
      throw new IllegalArgumentException("NAS-Bench-Macro code is missing");
    }
    if (code.length() != LENGTH) {
      throw new IllegalArgumentException("NAS-Bench-Macro code '" + code + "' has " + code.length()
          + " characters; a code has " + LENGTH + " digits 0-2 (0 identity, 1 k3e3, 2 k5e6), e.g. 02012100");
    }
    int[] d = new int[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '2') {
        throw new IllegalArgumentException("NAS-Bench-Macro code '" + code + "': character " + (i + 1) + " is '" + c
            + "'; a code has " + LENGTH + " digits 0-2 (0 identity, 1 k3e3, 2 k5e6)");
      }
      d[i] = c - '0';
    }
    return d;
  }
}
