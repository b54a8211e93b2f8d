package dev.steward.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The canonical form of registered entities: one YAML document per version, keys in a fixed order, maps
 * sorted, no digest inside (the digest is {@code sha256} of these bytes). Same entity, same bytes.
 */
public final class EntityDocuments {
  private static final Pattern VERSIONED = Pattern.compile(
      "(datasets|features|thresholds|explanations)/([^/]+)/([0-9]+-[0-9]+)/([1-9][0-9]*)\\.yaml");
  private static final Pattern MODEL_VERSION = Pattern.compile(
      "models/([^/]+)/versions/([0-9]+-[0-9]+)/([1-9][0-9]*)\\.yaml");
  private static final Pattern MODEL = Pattern.compile("models/([^/]+)/model\\.yaml");
  private static final Pattern ALIAS = Pattern.compile("models/([^/]+)/aliases/([^/]+)\\.yaml");

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
      .build();

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
      .build();

  private EntityDocuments() {}

  /**
   * The canonical YAML mapper (sorted maps, no nulls, no document marker, unknown fields rejected), for
   * other modules that record their own documents in the registry repository the same way.
   */
  public static YAMLMapper canonicalYaml() {
    return YAML;
  }

  /** The JSON mapper used for index documents: sorted maps, no nulls. */
  public static JsonMapper canonicalJson() {
    return JSON;
  }

  /** Where a file of the registry repository sits in the registry: kind, name, version (0 for models). */
  public record Location(Kind kind, String name, int version) {}

  /** The location of an alias file. */
  public record AliasLocation(String model, String alias) {}

  public static byte[] toYaml(Object entity) {
    Object content = entity instanceof Registered r ? r.withDigest(null) : entity;
    return YAML.writeValueAsBytes(content);
  }

  /** Reads a stored version and attaches the digest of its bytes. */
  public static Registered fromYaml(Kind kind, byte[] yaml) {
    Registered read = YAML.readValue(yaml, type(kind));
    return read.withDigest(digest(yaml));
  }

  public static ModelAlias aliasFromYaml(byte[] yaml) {
    return YAML.readValue(yaml, ModelAlias.class);
  }

  public static <T> T fromJson(String json, Class<T> type) {
    return JSON.readValue(json, type);
  }

  public static String toJson(Object value) {
    return JSON.writeValueAsString(value);
  }

  public static Class<? extends Registered> type(Kind kind) {
    return switch (kind) {
      case DATASET -> DatasetVersion.class;
      case FEATURE_SET -> FeatureSetVersion.class;
      case THRESHOLD_SET -> ThresholdSetVersion.class;
      case EXPLANATION_TEMPLATE -> ExplanationTemplateVersion.class;
      case MODEL -> Model.class;
      case MODEL_VERSION -> ModelVersion.class;
    };
  }

  public static String digest(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public static String digest(String text) {
    return digest(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The entity a repository file holds, if it is one: a version file counts only in the group folder
   * {@link Kind#path} puts it in, so each version has exactly one place.
   */
  public static Optional<Location> locate(String path) {
    Matcher m = VERSIONED.matcher(path);
    if (m.matches()) {
      Kind kind = switch (m.group(1)) {
        case "datasets" -> Kind.DATASET;
        case "features" -> Kind.FEATURE_SET;
        case "thresholds" -> Kind.THRESHOLD_SET;
        default -> Kind.EXPLANATION_TEMPLATE;
      };
      return version(kind, m.group(2), m.group(3), m.group(4));
    }
    m = MODEL_VERSION.matcher(path);
    if (m.matches()) {
      return version(Kind.MODEL_VERSION, m.group(1), m.group(2), m.group(3));
    }
    m = MODEL.matcher(path);
    if (m.matches()) {
      return Optional.of(new Location(Kind.MODEL, m.group(1), 0));
    }
    return Optional.empty();
  }

  private static Optional<Location> version(Kind kind, String name, String group, String number) {
    long version = number.length() > 10 ? Long.MAX_VALUE : Long.parseLong(number);
    if (version > Integer.MAX_VALUE || !group.equals(Kind.group((int) version))) {
      return Optional.empty();
    }
    return Optional.of(new Location(kind, name, (int) version));
  }

  public static Optional<AliasLocation> locateAlias(String path) {
    Matcher m = ALIAS.matcher(path);
    return m.matches() ? Optional.of(new AliasLocation(m.group(1), m.group(2))) : Optional.empty();
  }

  public static String aliasPath(String model, String alias) {
    return "models/" + model + "/aliases/" + alias + ".yaml";
  }
}
