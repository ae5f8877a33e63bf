package dev.slimnas.supernet.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal reader of POSIX ustar / GNU tar streams: 512-byte headers with verified checksums, GNU long
 * names ({@code L}, {@code K}) and PAX extended headers ({@code x}: path, linkpath, size; {@code g} is
 * skipped). It reports each entry's raw type; deciding what is acceptable is the caller's job. A stream
 * that ends inside a header or an entry, or before the end-of-archive marker, is "truncated".
 */
final class TarStream {
  private static final int BLOCK = 512;

  /** One entry: its name (as stored), type flag, data size and link target (or ""). */
  record Header(String name, char type, long size, String linkName) {
    boolean isRegular() {
      return type == '0' || type == '\0' || type == '7';
    }

    boolean isDirectory() {
      return type == '5';
    }
  }

  private final InputStream in;
  private final String where;
  private final byte[] block = new byte[BLOCK];
  private String last = "(none)";

  TarStream(InputStream in, String where) {
    this.in = in;
    this.where = where;
  }

  /** The next entry, or null at the end-of-archive marker. Its data must be read or skipped next. */
  Header next() throws IOException {
    String longName = null;
    String longLink = null;
    String paxPath = null;
    String paxLink = null;
    long paxSize = -1;
    while (true) {
      int n = readBlock(block);
      if (n == 0) {
        throw new DataFileException(where + ": truncated archive: no end-of-archive marker after entry '" + last + "'");
      }
      if (n < BLOCK) {
        throw new DataFileException(where + ": truncated archive: partial header after entry '" + last + "'");
      }
      if (isZero(block)) {
        return null;
      }
      verifyChecksum();
      char type = (char) block[156];
      long size = number(124, 12);
      String name = string(0, 100);
      if (string(257, 5).equals("ustar")) {
        String prefix = string(345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
      }
      String link = string(157, 100);
      if (type == 'L' || type == 'K' || type == 'x' || type == 'g') {
        if (size > (1 << 20)) {
          throw new DataFileException(where + ": extended header of " + size + " bytes after entry '" + last + "' is too large");
        }
        byte[] data = readData(new Header(name, type, size, ""));
        if (type == 'L') {
          longName = cString(data);
        } else if (type == 'K') {
          longLink = cString(data);
        } else if (type == 'x') {
          for (String[] kv : pax(data)) {
            switch (kv[0]) {
              case "path" -> paxPath = kv[1];
              case "linkpath" -> paxLink = kv[1];
              case "size" -> paxSize = Long.parseLong(kv[1].trim());
              default -> { }
            }
          }
        }
        continue;
      }
      name = paxPath != null ? paxPath : longName != null ? longName : name;
      link = paxLink != null ? paxLink : longLink != null ? longLink : link;
      size = paxSize >= 0 ? paxSize : size;
      if (type == '1' || type == '2' || type == '5') {
        size = 0; // links and directories carry no data, whatever the size field says
      }
      last = name;
      return new Header(name, type, size, link);
    }
  }

  /** Reads the entry's data and the padding after it. */
  byte[] readData(Header h) throws IOException {
    byte[] data = new byte[Math.toIntExact(h.size())];
    int got = in.readNBytes(data, 0, data.length);
    if (got < data.length) {
      throw new DataFileException(where + ": truncated archive: entry '" + h.name() + "' has " + got + " of " + h.size() + " bytes");
    }
    int pad = (int) ((BLOCK - h.size() % BLOCK) % BLOCK);
    if (pad > 0 && in.readNBytes(block, 0, pad) < pad) {
      throw new DataFileException(where + ": truncated archive: padding of entry '" + h.name() + "' is cut off");
    }
    return data;
  }

  private int readBlock(byte[] b) throws IOException {
    return in.readNBytes(b, 0, BLOCK);
  }

  private void verifyChecksum() {
    long stored = number(148, 8);
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      byte v = i >= 148 && i < 156 ? (byte) ' ' : block[i];
      unsigned += v & 0xFF;
      signed += v;
    }
    if (stored != unsigned && stored != signed) {
      throw new DataFileException(where + ": corrupt archive: bad header checksum after entry '" + last + "'");
    }
  }

  private static boolean isZero(byte[] b) {
    for (byte v : b) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  /** An octal field, or a base-256 one (first byte 0x80). */
  private long number(int off, int len) {
    if ((block[off] & 0x80) != 0) {
      long v = block[off] & 0x7F;
      for (int i = 1; i < len; i++) {
        v = (v << 8) | (block[off + i] & 0xFF);
      }
      return v;
    }
    long v = 0;
    boolean any = false;
    for (int i = off; i < off + len; i++) {
      byte c = block[i];
      if (c == 0 || (c == ' ' && any)) {
        break;
      }
      if (c == ' ') {
        continue;
      }
      if (c < '0' || c > '7') {
        throw new DataFileException(where + ": corrupt archive: bad number in header after entry '" + last + "'");
      }
      v = v * 8 + (c - '0');
      any = true;
    }
    return v;
  }

  private String string(int off, int len) {
    int end = off;
    while (end < off + len && block[end] != 0) {
      end++;
    }
    return new String(block, off, end - off, StandardCharsets.UTF_8);
  }

  private static String cString(byte[] data) {
    int end = 0;
    while (end < data.length && data[end] != 0) {
      end++;
    }
    return new String(data, 0, end, StandardCharsets.UTF_8);
  }

  private java.util.List<String[]> pax(byte[] data) {
    java.util.List<String[]> out = new java.util.ArrayList<>();
    int pos = 0;
    while (pos < data.length && data[pos] != 0) {
      int sp = pos;
      while (sp < data.length && data[sp] != ' ') {
        sp++;
      }
      int len;
      try {
        len = Integer.parseInt(new String(data, pos, sp - pos, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        len = -1;
      }
      if (len <= sp - pos || pos + len > data.length || data[pos + len - 1] != '\n') {
        throw new DataFileException(where + ": corrupt archive: bad PAX header after entry '" + last + "'");
      }
      String rec = new String(data, sp + 1, pos + len - 1 - (sp + 1), StandardCharsets.UTF_8);
      int eq = rec.indexOf('=');
      if (eq > 0) {
        out.add(new String[] {rec.substring(0, eq), rec.substring(eq + 1)});
      }
      pos += len;
    }
    return out;
  }
}
