package dev.slimnas.optimizers.tabular;

import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Loads benchmark tables from their sidecars ({@code NAME.table.json}) and finds the vendored ones under a
 * {@code data/} folder. Every load verifies the data file's SHA-256 (of the uncompressed content, so a
 * table may be gzipped later without a new checksum) and fails naming the file.
 */
public final class BenchmarkTables {
  /** File name suffix of a sidecar. */
  public static final String SUFFIX = ".table.json";

  private BenchmarkTables() {}

  /** Reads a sidecar; a malformed one is a {@link SpecFileException} naming the file. */
  public static TableSidecar sidecar(Path sidecar) {
    return Json.read(sidecar, TableSidecar.SCHEMA, 1, TableSidecar.class);
  }

  /** Loads the table a sidecar describes, verifying the data's checksum. */
  public static BenchmarkTable load(Path sidecarFile) {
    TableSidecar s = sidecar(sidecarFile);
    Path base = sidecarFile.toAbsolutePath().getParent();
    Path data = base.resolve(s.file());
    byte[] bytes = readVerified(data, s.sha256(), sidecarFile);
    String source = data.toString();
    try {
      return s.layout().equals(TableSidecar.CSV)
          ? CsvTableReader.read(s, bytes, source)
          : CodeJsonTableReader.read(s, bytes, source);
    } catch (IllegalArgumentException e) {
      throw new SpecFileException(e.getMessage().startsWith(source) ? e.getMessage() : source + ": " + e.getMessage(), e);
    }
  }

  /** The sidecars in the sub-folders of {@code dataDir} ({@code data/<table>/<name>.table.json}), sorted by path. */
  public static List<Path> vendored(Path dataDir) {
    if (!Files.isDirectory(dataDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dataDir, 2)) {
      return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    } catch (IOException e) {
      throw new SpecFileException(dataDir + ": cannot list: " + e.getMessage(), e);
    }
  }

  /**
   * A table by file ({@code .table.json}) or by the name of a vendored table under {@code dataDir}; an
   * unknown name lists the known ones.
   */
  public static Path resolve(String nameOrFile, Path dataDir) {
    Path p = Path.of(nameOrFile);
    if (nameOrFile.endsWith(SUFFIX) || Files.isRegularFile(p)) {
      if (!Files.isRegularFile(p)) {
        throw new SpecFileException(p + ": file not found");
      }
      return p;
    }
    List<String> names = new ArrayList<>();
    for (Path v : vendored(dataDir)) {
      String n = v.getFileName().toString();
      n = n.substring(0, n.length() - SUFFIX.length());
      if (n.equals(nameOrFile)) {
        return v;
      }
      names.add(n);
    }
    throw new IllegalArgumentException("--table '" + nameOrFile + "': no such file and no vendored table of that name"
        + " under " + dataDir + " (vendored: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
  }

  /** The uncompressed content of {@code data} (gunzipped if it ends in {@code .gz}) after checking its SHA-256. */
  static byte[] readVerified(Path data, String sha256, Path sidecar) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream raw = Files.newInputStream(data);
        InputStream in = new DigestInputStream(data.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, md)) {
      in.transferTo(out);
    } catch (NoSuchFileException e) {
      throw new SpecFileException(data + ": file not found (named by " + sidecar + ")");
    } catch (IOException e) {
      throw new SpecFileException(data + ": cannot read: " + e.getMessage(), e);
    }
    String got = HexFormat.of().formatHex(md.digest());
    if (!got.equals(sha256)) {
      throw new SpecFileException(data + ": checksum mismatch: sha256 of the content is " + got + ", " + sidecar
          + " expects " + sha256 + " (the file is damaged or not the one the sidecar describes)");
    }
    return out.toByteArray();
  }
}
