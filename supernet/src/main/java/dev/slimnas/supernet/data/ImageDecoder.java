package dev.slimnas.supernet.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Decodes JPEG/PNG bytes with {@code javax.imageio} into CHW unsigned bytes, in parallel. */
final class ImageDecoder {
  private static final int CHUNK = 256;

  /** One decoded image: its size and its pixels in CHW order. */
  record Decoded(int height, int width, byte[] chw) {}

  private ImageDecoder() {}

  /** Decodes one image to {@code channels} (1: grey, 3: RGB) channels; the message says why it failed. */
  static Decoded decode(byte[] data, int channels) throws IOException {
    BufferedImage img = read(data);
    int w = img.getWidth();
    int h = img.getHeight();
    int plane = w * h;
    byte[] out = new byte[channels * plane];
    Raster r = img.getRaster();
    boolean grey = r.getNumBands() == 1 && !(img.getColorModel() instanceof IndexColorModel);
    if (grey) {
      int bits = img.getColorModel().getComponentSize(0);
      int max = (1 << bits) - 1;
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        r.getSamples(0, y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          byte v = (byte) (bits == 8 ? row[x] : Math.round(row[x] * 255f / max));
          for (int c = 0; c < channels; c++) {
            out[c * plane + y * w + x] = v;
          }
        }
      }
      return new Decoded(h, w, out);
    }
    if (channels != 3) {
      throw new IOException("is a colour image, expected " + channels + " channel(s)");
    }
    if (img.getType() == BufferedImage.TYPE_3BYTE_BGR && r.getDataBuffer() instanceof DataBufferByte db
        && db.getNumBanks() == 1 && db.getData().length == 3 * plane) {
      byte[] bgr = db.getData();
      for (int p = 0, s = 0; p < plane; p++, s += 3) {
        out[p] = bgr[s + 2];
        out[plane + p] = bgr[s + 1];
        out[2 * plane + p] = bgr[s];
      }
    } else {
      int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
      for (int p = 0; p < plane; p++) {
        out[p] = (byte) (argb[p] >>> 16);
        out[plane + p] = (byte) (argb[p] >>> 8);
        out[2 * plane + p] = (byte) argb[p];
      }
    }
    return new Decoded(h, w, out);
  }

  private static BufferedImage read(byte[] data) throws IOException {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException("is not a readable JPEG or PNG image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return reader.read(0);
      } catch (RuntimeException e) {
        throw new IOException("cannot be decoded: " + e, e);
      } finally {
        reader.dispose();
      }
    }
  }

  /**
   * Decodes {@code data} on {@code threads} threads; on failure throws for the first failing image in list
   * order, naming {@code where} and the image's name.
   */
  static Decoded[] decodeAll(List<byte[]> data, List<String> names, String where, int channels, int threads, ProgressListener listener) {
    int n = data.size();
    Decoded[] out = new Decoded[n];
    String[] errors = new String[n];
    AtomicInteger firstError = new AtomicInteger(Integer.MAX_VALUE);
    AtomicLong done = new AtomicLong();
    Object progressLock = new Object();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "slimnas-decode");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new java.util.ArrayList<>();
      for (int start = 0; start < n; start += CHUNK) {
        int from = start;
        int to = Math.min(n, start + CHUNK);
        futures.add(pool.submit(() -> {
          for (int i = from; i < to && i < firstError.get(); i++) {
            try {
              out[i] = decode(data.get(i), channels);
            } catch (IOException | RuntimeException e) {
              errors[i] = e.getMessage();
              firstError.accumulateAndGet(i, Math::min);
              return;
            }
          }
          long d = done.addAndGet(to - from);
          synchronized (progressLock) {
            listener.progress("decode", Math.min(d, n), n);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataFileException(where + ": decoding interrupted", e);
    } catch (ExecutionException e) {
      throw new DataFileException(where + ": decoding failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    int bad = firstError.get();
    if (bad != Integer.MAX_VALUE) {
      throw new DataFileException(where + ": image '" + names.get(bad) + "' " + errors[bad]);
    }
    return out;
  }
}
