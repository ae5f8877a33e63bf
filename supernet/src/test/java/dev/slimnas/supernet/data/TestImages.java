package dev.slimnas.supernet.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/** Synthetic images and archives for the data tests. */
final class TestImages {
  private TestImages() {}

  /** An RGB image whose pixel (x, y) has red = seed + x, green = seed + 10 y, blue = seed * 3 (mod 256). */
  static BufferedImage rgb(int width, int height, int seed) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.setRGB(x, y, (red(seed, x) << 16) | (green(seed, y) << 8) | blue(seed));
      }
    }
    return img;
  }

  static int red(int seed, int x) {
    return (seed + x) & 0xFF;
  }

  static int green(int seed, int y) {
    return (seed + 10 * y) & 0xFF;
  }

  static int blue(int seed) {
    return (seed * 3) & 0xFF;
  }

  static byte[] encode(BufferedImage img, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] png(int width, int height, int seed) {
    return encode(rgb(width, height, seed), "png");
  }

  static byte[] jpeg(int width, int height, int seed) {
    return encode(rgb(width, height, seed), "jpg");
  }

  /** One tar entry to write: a regular file (type '0') with data, or another type flag with a link name. */
  record Entry(String name, byte[] data, char type, String linkName) {
    static Entry file(String name, byte[] data) {
      return new Entry(name, data, '0', "");
    }

    static Entry special(String name, char type, String linkName) {
      return new Entry(name, new byte[0], type, linkName == null ? "" : linkName);
    }
  }

  /** Writes a .tar.gz (gzip = true) or .tar (POSIX ustar, names up to 100 bytes) of the entries, in order. */
  static Path tar(Path file, boolean gzip, List<Entry> entries) {
    try (OutputStream raw = Files.newOutputStream(file);
         OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
      for (Entry e : entries) {
        out.write(header(e));
        out.write(e.data());
        out.write(new byte[(512 - e.data().length % 512) % 512]);
      }
      out.write(new byte[1024]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static byte[] header(Entry e) {
    byte[] h = new byte[512];
    put(h, 0, 100, e.name());
    put(h, 100, 8, "0000644");
    put(h, 108, 8, "0000000");
    put(h, 116, 8, "0000000");
    put(h, 124, 12, String.format("%011o", e.data().length));
    put(h, 136, 12, String.format("%011o", 1_500_000_000L));
    h[156] = (byte) e.type();
    put(h, 157, 100, e.linkName());
    put(h, 257, 6, "ustar");
    put(h, 263, 2, "00");
    java.util.Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xFF;
    }
    put(h, 148, 8, String.format("%06o", sum));
    return h;
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (b.length > len) {
      throw new IllegalArgumentException("too long for a ustar field: " + s);
    }
    System.arraycopy(b, 0, h, off, b.length);
  }

  /** A small tree: splits train (3 per class) and test (1 per class), classes cat and dog, PNG 6x5. */
  static List<Entry> smallTree() {
    List<Entry> entries = new ArrayList<>();
    int seed = 1;
    for (String split : List.of("train", "test")) {
      for (String cls : List.of("dog", "cat")) {
        for (int i = 0; i < (split.equals("train") ? 3 : 1); i++) {
          entries.add(Entry.file(split + "/" + cls + "/" + i + ".png", png(6, 5, seed++)));
        }
      }
    }
    return entries;
  }

  /** Writes entries (regular files only) as a folder tree under {@code root}. */
  static Path folder(Path root, List<Entry> entries) {
    try {
      for (Entry e : entries) {
        Path p = root.resolve(e.name());
        Files.createDirectories(p.getParent());
        Files.write(p, e.data());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }
}
