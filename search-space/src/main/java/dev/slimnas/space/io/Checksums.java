package dev.slimnas.space.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex digests of files, streams and bytes. */
public final class Checksums {
  private Checksums() {}

  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest("SHA-256").digest(bytes));
  }

  public static String md5(Path file) {
    return ofFile(file, "MD5");
  }

  public static String sha256(Path file) {
    return ofFile(file, "SHA-256");
  }

  public static String ofStream(InputStream in, String algorithm) throws IOException {
    MessageDigest md = digest(algorithm);
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf)) > 0; ) {
      md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static String ofFile(Path file, String algorithm) {
    try (InputStream in = Files.newInputStream(file)) {
      return ofStream(in, algorithm);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
