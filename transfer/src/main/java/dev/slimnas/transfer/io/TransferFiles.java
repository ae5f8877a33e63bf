package dev.slimnas.transfer.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.transfer.proxy.ProxyResult;
import dev.slimnas.transfer.proxy.ProxySpec;
import dev.slimnas.transfer.report.TransferReport;
import java.nio.file.Path;

/**
 * Reading and writing the transfer module's documents (versioned JSON through {@link Json}: unknown and
 * missing fields rejected, errors naming file, line and field): proxy specs ({@code slimnas.proxy}), proxy
 * results ({@code slimnas.proxy-result}) and transfer reports ({@code slimnas.transfer-report}).
 */
public final class TransferFiles {
  public static final String PROXY_SCHEMA = "slimnas.proxy";
  public static final String PROXY_RESULT_SCHEMA = "slimnas.proxy-result";
  public static final String REPORT_SCHEMA = "slimnas.transfer-report";
  public static final int PROXY_VERSION = 1;
  public static final int PROXY_RESULT_VERSION = 1;
  public static final int REPORT_VERSION = 1;

  private TransferFiles() {}

  public static ProxySpec readProxy(Path file) {
    return Json.read(file, PROXY_SCHEMA, PROXY_VERSION, ProxySpec.class);
  }

  public static ProxySpec parseProxy(String text, String source) {
    return Json.parse(text, source, PROXY_SCHEMA, PROXY_VERSION, ProxySpec.class);
  }

  public static String proxyJson(ProxySpec spec) {
    return Json.toJson(PROXY_SCHEMA, PROXY_VERSION, spec);
  }

  public static void writeProxy(Path file, ProxySpec spec) {
    Json.write(file, PROXY_SCHEMA, PROXY_VERSION, spec);
  }

  public static ProxyResult readProxyResult(Path file) {
    return Json.read(file, PROXY_RESULT_SCHEMA, PROXY_RESULT_VERSION, ProxyResult.class);
  }

  public static ProxyResult parseProxyResult(String text, String source) {
    return Json.parse(text, source, PROXY_RESULT_SCHEMA, PROXY_RESULT_VERSION, ProxyResult.class);
  }

  public static String proxyResultJson(ProxyResult result) {
    return Json.toJson(PROXY_RESULT_SCHEMA, PROXY_RESULT_VERSION, result);
  }

  public static void writeProxyResult(Path file, ProxyResult result) {
    Json.write(file, PROXY_RESULT_SCHEMA, PROXY_RESULT_VERSION, result);
  }

  /**
   * A network with optimized widths from either document that carries one: a {@code slimnas.arch}, or the
   * optimized network of a {@code slimnas.proxy-result} (e.g. {@code slimnas optimize-widths --proxy identity},
   * widths optimized directly on the target). Errors name the file, like every reader here.
   */
  public static ArchSpec readOptimizedArch(Path file) {
    String text = Json.readText(file);
    return PROXY_RESULT_SCHEMA.equals(schemaOf(text))
        ? parseProxyResult(text, file.toString()).optimized()
        : SpecFiles.parseArch(text, file.toString());
  }

  /** The root's {@code schema} field, or null when the text is no JSON object with one (the parser then says why). */
  private static String schemaOf(String text) {
    try {
      JsonNode root = Json.mapper().readTree(text);
      JsonNode s = root == null ? null : root.get("schema");
      return s != null && s.isTextual() ? s.asText() : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  public static TransferReport readReport(Path file) {
    return Json.read(file, REPORT_SCHEMA, REPORT_VERSION, TransferReport.class);
  }

  public static TransferReport parseReport(String text, String source) {
    return Json.parse(text, source, REPORT_SCHEMA, REPORT_VERSION, TransferReport.class);
  }

  public static String reportJson(TransferReport report) {
    return Json.toJson(REPORT_SCHEMA, REPORT_VERSION, report);
  }

  public static void writeReport(Path file, TransferReport report) {
    Json.write(file, REPORT_SCHEMA, REPORT_VERSION, report);
  }
}
