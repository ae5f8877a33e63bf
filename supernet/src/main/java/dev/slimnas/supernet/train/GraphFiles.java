package dev.slimnas.supernet.train;

import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/** Saving and loading networks with DL4J's {@code ModelSerializer}: atomic writes, messages naming the file. */
public final class GraphFiles {
  private GraphFiles() {}

  /**
   * Writes {@code graph} (configuration, parameters and, if {@code withUpdater}, the updater state)
   * atomically to {@code file}; returns the SHA-256 of the bytes written.
   */
  public static String write(ComputationGraph graph, Path file, boolean withUpdater) {
    MessageDigest sha = sha256();
    AtomicFiles.write(file, out -> ModelSerializer.writeModel(graph, new DigestOutputStream(out, sha), withUpdater));
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Reads a network written by {@link #write} (or any {@code ModelSerializer} zip). */
  public static ComputationGraph read(Path file, boolean withUpdater) {
    Nd4jSetup.ensure();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return ModelSerializer.restoreComputationGraph(in, withUpdater);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException(file + ": network file not found", e);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read network: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": not a readable DL4J network: " + e, e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
