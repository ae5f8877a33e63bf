package dev.slimnas.supernet.data;

import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.Provenance;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compact binary file of decoded images, written next to the data so decoding happens once. Layout
 * (big-endian): magic {@code "SLIMNAS8"}, format version, source checksum and description, class names,
 * then per split its name, count, channels, height, width, labels (int32) and pixels (uint8, CHW per
 * image), and finally a CRC-32 of everything before it. A cache whose source checksum, version or CRC
 * differs is ignored and rebuilt; writes are atomic.
 */
public final class DecodeCache {
  static final long MAGIC = 0x534C494D4E415338L; // "SLIMNAS8"
  static final int VERSION = 1;
  private static final Logger LOG = LoggerFactory.getLogger(DecodeCache.class);
  private static final int PROGRESS_STEP = 1 << 24;

  private DecodeCache() {}

  /** The cached splits if the cache exists and was made from a source with {@code checksum}, else built and cached. */
  public static ImageSplits loadOrBuild(Path cacheFile, String checksum, Supplier<ImageSplits> build, ProgressListener listener) {
    Optional<ImageSplits> cached = readIfValid(cacheFile, checksum, listener);
    if (cached.isPresent()) {
      return cached.get();
    }
    ImageSplits fresh = build.get();
    write(cacheFile, fresh, listener);
    return fresh;
  }

  /** Reads the cache if it is present, intact and made from the source with {@code checksum}. */
  public static Optional<ImageSplits> readIfValid(Path cacheFile, String checksum, ProgressListener listener) {
    if (!Files.isRegularFile(cacheFile)) {
      return Optional.empty();
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(cacheFile), 1 << 20)) {
      CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
      DataInputStream in = new DataInputStream(checked);
      if (in.readLong() != MAGIC || in.readInt() != VERSION) {
        LOG.info("decode cache {} has another format; rebuilding it", cacheFile);
        return Optional.empty();
      }
      String storedChecksum = in.readUTF();
      if (!storedChecksum.equals(checksum)) {
        LOG.info("decode cache {} was made from source {}, now {}; rebuilding it", cacheFile, storedChecksum, checksum);
        return Optional.empty();
      }
      String source = in.readUTF();
      List<String> classes = new ArrayList<>();
      for (int k = in.readInt(); k > 0; k--) {
        classes.add(in.readUTF());
      }
      long total = Files.size(cacheFile);
      Map<String, ImageDataset> splits = new LinkedHashMap<>();
      for (int s = in.readInt(); s > 0; s--) {
        String name = in.readUTF();
        int n = in.readInt();
        int c = in.readInt();
        int h = in.readInt();
        int w = in.readInt();
        if (n < 0 || c <= 0 || h <= 0 || w <= 0 || (long) n * c * h * w > total) {
          throw new IOException("implausible split header " + name + " " + n + "x" + c + "x" + h + "x" + w);
        }
        byte[] labelBytes = in.readNBytes(4 * n);
        byte[] pixels = new byte[n * c * h * w];
        for (int off = 0; off < pixels.length; ) {
          int len = Math.min(PROGRESS_STEP, pixels.length - off);
          in.readFully(pixels, off, len);
          off += len;
          listener.progress("load cache", off, pixels.length);
        }
        int[] labels = new int[n];
        ByteBuffer.wrap(labelBytes).asIntBuffer().get(labels);
        splits.put(name, new ImageDataset(pixels, labels, h, w, c, classes, source + " [" + name + "]"));
      }
      long crc = checked.getChecksum().getValue();
      if (new DataInputStream(raw).readLong() != crc || raw.read() != -1) {
        throw new IOException("CRC-32 mismatch or trailing bytes");
      }
      return Optional.of(new ImageSplits(splits, source, storedChecksum));
    } catch (IOException | RuntimeException e) {
      LOG.warn("decode cache {} is damaged ({}); rebuilding it", cacheFile, e.toString());
      return Optional.empty();
    }
  }

  /** Writes {@code splits} atomically to {@code cacheFile}, with a provenance record beside it. */
  public static void write(Path cacheFile, ImageSplits splits, ProgressListener listener) {
    long totalBytes = splits.splits().values().stream().mapToLong(d -> (long) d.pixels().length).sum();
    AtomicFiles.write(cacheFile, os -> {
      BufferedOutputStream buffered = new BufferedOutputStream(os, 1 << 20);
      CheckedOutputStream checked = new CheckedOutputStream(buffered, new CRC32());
      DataOutputStream out = new DataOutputStream(checked);
      out.writeLong(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(splits.checksum());
      out.writeUTF(splits.source());
      out.writeInt(splits.classes().size());
      for (String c : splits.classes()) {
        out.writeUTF(c);
      }
      out.writeInt(splits.splits().size());
      long written = 0;
      for (var e : splits.splits().entrySet()) {
        ImageDataset d = e.getValue();
        out.writeUTF(e.getKey());
        out.writeInt(d.size());
        out.writeInt(d.channels());
        out.writeInt(d.height());
        out.writeInt(d.width());
        ByteBuffer labels = ByteBuffer.allocate(4 * d.size());
        labels.asIntBuffer().put(d.labels());
        out.write(labels.array());
        for (int off = 0; off < d.pixels().length; off += PROGRESS_STEP) {
          int len = Math.min(PROGRESS_STEP, d.pixels().length - off);
          out.write(d.pixels(), off, len);
          listener.progress("write cache", written += len, totalBytes);
        }
      }
      out.flush();
      long crc = checked.getChecksum().getValue();
      DataOutputStream trailer = new DataOutputStream(buffered);
      trailer.writeLong(crc);
      trailer.flush();
    });
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("source", splits.source());
    details.put("sourceChecksum", splits.checksum());
    details.put("format", "slimnas decode cache v" + VERSION + " (uint8 CHW)");
    details.put("classes", splits.classes());
    splits.splits().forEach((k, v) -> details.put("images." + k, v.size()));
    Provenance.of(cacheFile.getFileName().toString(), "decoded-image-cache", null, null, details).writeBeside(cacheFile);
  }
}
