package dev.slimnas.latency.lut;

import dev.slimnas.space.io.Checksums;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads vendored table resources and verifies their checksums. */
public final class TableResources {
  private TableResources() {}

  /** The bytes of a class-path resource after checking its md5; the message names resource and checksums. */
  public static byte[] load(String resource, String expectedMd5) {
    try (InputStream in = TableResources.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("latency table resource " + resource + " is missing from the class path");
      }
      byte[] bytes = in.readAllBytes();
      verify(bytes, resource, expectedMd5);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read latency table " + resource + ": " + e.getMessage(), e);
    }
  }

  /** Throws when the md5 of {@code bytes} is not {@code expectedMd5}. */
  public static void verify(byte[] bytes, String name, String expectedMd5) {
    String actual;
    try {
      actual = Checksums.ofStream(new ByteArrayInputStream(bytes), "MD5");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!actual.equalsIgnoreCase(expectedMd5)) {
      throw new IllegalStateException("latency table " + name + " is corrupt: md5 " + actual + ", expected " + expectedMd5);
    }
  }
}
