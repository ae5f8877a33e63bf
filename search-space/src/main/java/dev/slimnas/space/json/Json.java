package dev.slimnas.space.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.Checksums;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The project's one JSON configuration: unknown fields rejected, missing fields rejected, keys sorted,
 * every document versioned with {@code "schema"} and {@code "version"} at its root.
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // "classes": 10.5 is an error, not 10
      .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
      .addHandler(new RootHeaderHandler())
      .build();

  private Json() {}

  /** The shared mapper (thread-safe; do not reconfigure). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A versioned document: sorted keys, {@code schema} and {@code version} added at the root. */
  public static String toJson(String schema, int version, Object value) {
    ObjectNode node = MAPPER.valueToTree(value);
    node.put("schema", schema);
    node.put("version", version);
    try {
      Map<String, Object> sorted = MAPPER.convertValue(node, TreeMap.class);
      return MAPPER.writeValueAsString(sorted) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** Writes a versioned document atomically. */
  public static void write(Path file, String schema, int version, Object value) {
    AtomicFiles.writeString(file, toJson(schema, version, value));
  }

  /** Reads a versioned document; every problem becomes a one-line {@link SpecFileException}. */
  public static <T> T read(Path file, String schema, int supportedVersion, Class<T> type) {
    return parse(readText(file), file.toString(), schema, supportedVersion, type);
  }

  /** A document's text (UTF-8); a missing or unreadable file is a {@link SpecFileException} naming it. */
  public static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SpecFileException(file + ": file not found");
    } catch (CharacterCodingException e) {
      throw new SpecFileException(file + ": not UTF-8 text (a JSON document was expected; is this a binary file?)", e);
    } catch (IOException e) {
      throw new SpecFileException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Parses a versioned document from text; {@code source} names it in error messages. */
  public static <T> T parse(String text, String source, String schema, int supportedVersion, Class<T> type) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw error(source, e);
    }
    if (root == null || !root.isObject()) {
      throw new SpecFileException(source + ": expected a JSON object at the root");
    }
    JsonNode s = root.get("schema");
    if (s == null || !s.isTextual()) {
      throw new SpecFileException(source + ": at $.schema: missing field 'schema' (expected \"" + schema + "\")");
    }
    if (!s.asText().equals(schema)) {
      throw new SpecFileException(source + ": at $.schema: this is a '" + s.asText() + "' document, expected '" + schema + "'");
    }
    JsonNode v = root.get("version");
    if (v == null || !v.isInt()) {
      throw new SpecFileException(source + ": at $.version: missing integer field 'version'");
    }
    if (v.asInt() < 1 || v.asInt() > supportedVersion) {
      throw new SpecFileException(source + ": at $.version: version " + v.asInt() + " of '" + schema
          + "' is not supported (this build reads versions 1.." + supportedVersion + ")");
    }
    try {
      return MAPPER.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw error(source, e);
    }
  }

  /** First 16 hex digits of the SHA-256 of a value's canonical JSON; names a spec in provenance records. */
  public static String fingerprint(Object value) {
    try {
      Map<String, Object> sorted = MAPPER.convertValue(value, TreeMap.class);
      byte[] bytes = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(sorted);
      return Checksums.sha256(bytes).substring(0, 16);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot fingerprint " + value.getClass().getSimpleName(), e);
    }
  }

  /** Turns a Jackson exception into the project's one-line message: file, line/column, path, rule. */
  static SpecFileException error(String source, JsonProcessingException e) {
    StringBuilder sb = new StringBuilder(source).append(':');
    JsonLocation loc = e.getLocation();
    if (loc != null && loc.getLineNr() > 0) {
      sb.append(" line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr()).append(',');
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      sb.append(" at ").append(path(m)).append(':');
    }
    sb.append(' ').append(reason(e));
    return new SpecFileException(sb.toString(), e);
  }

  private static String path(JsonMappingException m) {
    StringBuilder p = new StringBuilder("$");
    for (JsonMappingException.Reference r : m.getPath()) {
      if (r.getFieldName() != null) {
        p.append('.').append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        p.append('[').append(r.getIndex()).append(']');
      }
    }
    return p.toString();
  }

  private static String reason(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", ", " (known fields: ", ")"));
      return "unknown field '" + u.getPropertyName() + "'" + known;
    }
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      Throwable c = e.getCause();
      while (c.getCause() != null && c.getCause() != c && c instanceof JsonMappingException) {
        c = c.getCause();
      }
      return c.getMessage() == null ? c.getClass().getSimpleName() : firstLine(c.getMessage());
    }
    String m = firstLine(e.getOriginalMessage());
    Matcher f = FLOAT_AS_INT.matcher(m);
    if (f.find()) {
      return "expected an integer, got " + f.group(1);
    }
    return m;
  }

  /** Jackson's wording when a fraction meets an integer field (coercion is off on purpose). */
  private static final Pattern FLOAT_AS_INT =
      Pattern.compile("Cannot coerce Floating-point value \\(([^)]*)\\) to `(?:int|long|short|byte)`");

  private static String firstLine(String s) {
    if (s == null) {
      return "malformed JSON";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Accepts the {@code schema} and {@code version} header fields at the root of a document only. */
  private static final class RootHeaderHandler extends DeserializationProblemHandler {
    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
        Object beanOrClass, String propertyName) throws IOException {
      if (!propertyName.equals("schema") && !propertyName.equals("version")) {
        return false;
      }
      JsonStreamContext c = p.getParsingContext();
      if (c != null && c.inObject() && c.getParent() != null && c.getParent().inRoot()) {
        p.skipChildren();
        return true;
      }
      return false;
    }
  }
}
