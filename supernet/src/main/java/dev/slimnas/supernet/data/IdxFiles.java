package dev.slimnas.supernet.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format: magic {@code 0x0000}, type {@code 0x08} = unsigned
 * byte, rank, big-endian int32 dimensions, then the data), plain or gzipped (detected by magic bytes).
 */
public final class IdxFiles {
  private IdxFiles() {}

  /** An IDX array of unsigned bytes: its dimensions and data. */
  public record Array(int[] dims, byte[] data) {}

  /** Reads an IDX file of unsigned bytes with the given rank. */
  public static Array read(Path file, int rank) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw);
      int magic = in.readInt();
      if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xFF) != 0x08) {
        throw new DataFileException("IDX file " + file + " has magic 0x" + Integer.toHexString(magic) + ", expected 0x0000080" + rank + " (unsigned bytes)");
      }
      if ((magic & 0xFF) != rank) {
        throw new DataFileException("IDX file " + file + " has rank " + (magic & 0xFF) + ", expected " + rank);
      }
      int[] dims = new int[rank];
      long count = 1;
      for (int i = 0; i < rank; i++) {
        dims[i] = in.readInt();
        if (dims[i] < 0) {
          throw new DataFileException("IDX file " + file + " has negative dimension " + dims[i]);
        }
        count *= dims[i];
      }
      if (count > Integer.MAX_VALUE - 8) {
        throw new DataFileException("IDX file " + file + " is too large: " + count + " elements");
      }
      byte[] data = new byte[(int) count];
      in.readFully(data);
      if (in.read() != -1) {
        throw new DataFileException("IDX file " + file + " has bytes after its " + count + " elements");
      }
      return new Array(dims, data);
    } catch (EOFException e) {
      throw new DataFileException("IDX file " + file + " is truncated: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DataFileException("cannot read IDX file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Greyscale images ({@code [n, rows, cols]} file) with labels ({@code [n]} file) as a dataset. */
  public static ImageDataset dataset(Path images, Path labels, List<String> classes) {
    Array im = read(images, 3);
    Array lb = read(labels, 1);
    if (im.dims()[0] != lb.dims()[0]) {
      throw new DataFileException("IDX files " + images + " and " + labels + " disagree: " + im.dims()[0] + " images, " + lb.dims()[0] + " labels");
    }
    int[] l = new int[lb.data().length];
    for (int i = 0; i < l.length; i++) {
      l[i] = lb.data()[i] & 0xFF;
      if (l[i] >= classes.size()) {
        throw new DataFileException("IDX file " + labels + ": label " + l[i] + " at index " + i + ", but there are " + classes.size() + " classes");
      }
    }
    return new ImageDataset(im.data(), l, im.dims()[1], im.dims()[2], 1, classes, "IDX " + images);
  }
}
