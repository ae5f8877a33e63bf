package dev.slimnas.supernet.data;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads the regular files of a {@code .tar} or {@code .tar.gz} (detected by its magic bytes) into memory,
 * refusing entries that escape the archive root (absolute paths, {@code ..}), links, devices and other
 * non-regular entries, and detecting truncation (of the gzip stream and of the tar stream).
 */
final class SafeTar {
  /** Largest single entry accepted (guards against decompression bombs). */
  static final long MAX_ENTRY_BYTES = 64L << 20;

  /** A regular file from an archive or folder: its relative name with '/' separators, and its bytes. */
  record RawFile(String name, byte[] data) {}

  private SafeTar() {}

  /** All regular files of {@code archive}, in archive order. */
  static List<RawFile> read(Path archive, ProgressListener listener) {
    String where = "archive " + archive;
    long total;
    try {
      total = Files.size(archive);
    } catch (IOException e) {
      throw new DataFileException("cannot read " + where + ": " + e.getMessage(), e);
    }
    List<RawFile> files = new ArrayList<>();
    Set<String> names = new HashSet<>();
    String current = "(start)";
    String task = "read " + archive.getFileName();
    try (Counting raw = new Counting(new BufferedInputStream(Files.newInputStream(archive), 1 << 16))) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      InputStream body = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
      TarStream tar = new TarStream(body, where);
      for (TarStream.Header e; (e = tar.next()) != null; ) {
        current = e.name();
        String name = checkName(where, current);
        if (!e.isDirectory() && !e.isRegular()) {
          throw new DataFileException(where + ": entry '" + current + "' is " + kind(e) + "; only regular files and directories are accepted");
        }
        if (e.size() > MAX_ENTRY_BYTES) {
          throw new DataFileException(where + ": entry '" + current + "' is " + e.size() + " bytes, more than the limit " + MAX_ENTRY_BYTES);
        }
        byte[] data = tar.readData(e);
        if (e.isDirectory()) {
          continue;
        }
        if (!names.add(name)) {
          throw new DataFileException(where + ": entry '" + current + "' occurs twice");
        }
        files.add(new RawFile(name, data));
        listener.progress(task, Math.min(raw.count, total), total);
      }
      current = "(end of archive)";
      if (gzip) {
        body.transferTo(OutputStream.nullOutputStream()); // reaches the gzip trailer: verifies CRC and length
      }
      listener.progress(task, total, total);
    } catch (DataFileException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      String what = e instanceof java.io.EOFException ? "truncated archive" : "truncated or corrupt archive";
      throw new DataFileException(where + ": " + what + " at entry '" + current + "': " + e.getMessage(), e);
    }
    return files;
  }

  /** The entry name normalised to '/'-separated relative form; fails if it could escape the target. */
  static String checkName(String where, String name) {
    if (name.isEmpty()) {
      throw new DataFileException(where + ": entry with an empty name");
    }
    if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
      throw new DataFileException(where + ": entry '" + name + "' has an absolute path; refusing it");
    }
    if (name.contains("\\") || name.indexOf('\0') >= 0) {
      throw new DataFileException(where + ": entry '" + name + "' contains a backslash or NUL; refusing it");
    }
    List<String> parts = new ArrayList<>();
    for (String p : name.split("/")) {
      if (p.equals("..")) {
        throw new DataFileException(where + ": entry '" + name + "' escapes the archive root with '..'; refusing it");
      }
      if (!p.isEmpty() && !p.equals(".")) {
        parts.add(p);
      }
    }
    if (parts.isEmpty()) {
      throw new DataFileException(where + ": entry '" + name + "' names no file");
    }
    return String.join("/", parts);
  }

  private static String kind(TarStream.Header e) {
    return switch (e.type()) {
      case '2' -> "a symbolic link to '" + e.linkName() + "'";
      case '1' -> "a hard link to '" + e.linkName() + "'";
      case '3', '4' -> "a device";
      case '6' -> "a FIFO";
      default -> "of unsupported type '" + e.type() + "'";
    };
  }

  /** Counts the bytes read through it. */
  private static final class Counting extends FilterInputStream {
    long count;
    private long mark;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count += s;
      return s;
    }

    @Override
    public synchronized void mark(int limit) {
      super.mark(limit);
      mark = count;
    }

    @Override
    public synchronized void reset() throws IOException {
      super.reset();
      count = mark;
    }
  }
}
