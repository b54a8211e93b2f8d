package dev.steward.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The naming and format rules every registered entity follows; each failure names its field. A check of
 * one value throws {@link InvalidRequest}; checks of several values (a reference, a map of keys) report
 * every value at fault at once. Collect the checks of a whole request with {@link FieldErrors}.
 */
public final class Names {
  /** The rules as regular expressions, also for the OpenAPI document (which anchors them). */
  public static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]*";
  public static final String KEY_PATTERN = "[A-Za-z0-9][A-Za-z0-9._/-]*";
  public static final String DIGEST_PATTERN = "sha256:[0-9a-f]{64}";
  private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
  private static final Pattern KEY = Pattern.compile(KEY_PATTERN);
  private static final Pattern DIGEST = Pattern.compile(DIGEST_PATTERN);
  public static final int MAX_NAME = 128;
  public static final int MAX_TEXT = 4096;
  private static final Set<String> STORAGE_SCHEMES = Set.of("s3", "gs", "pvc", "https", "hf");

  private Names() {}

  /** An entity name: {@code [a-z0-9][a-z0-9._-]*}, at most 128 characters, never {@code .} or {@code ..}-like tricks. */
  public static String requireName(String field, @Nullable String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidRequest(field, "is required");
    }
    if (name.length() > MAX_NAME) {
      throw new InvalidRequest(field, "is longer than " + MAX_NAME + " characters");
    }
    if (!NAME.matcher(name).matches() || name.contains("..")) {
      throw new InvalidRequest(field, "'" + abbreviate(name) + "' must match [a-z0-9][a-z0-9._-]* without '..'");
    }
    return name;
  }

  public static int requireVersion(String field, int version) {
    if (version < 1) {
      throw new InvalidRequest(field, "must be a version number >= 1, was " + version);
    }
    return version;
  }

  public static Ref requireRef(String field, @Nullable Ref ref) {
    if (ref == null) {
      throw new InvalidRequest(field, "is required");
    }
    FieldErrors errors = new FieldErrors();
    errors.check(() -> requireName(field + ".name", ref.name()));
    errors.check(() -> requireVersion(field + ".version", ref.version()));
    errors.throwIfAny();
    return ref;
  }

  public static String requireDigest(String field, @Nullable String digest) {
    if (digest == null || !DIGEST.matcher(digest).matches()) {
      throw new InvalidRequest(field, "must be 'sha256:' followed by 64 lowercase hex digits");
    }
    return digest;
  }

  /** A URI with a scheme, such as {@code s3://bucket/path/part-0.parquet}. */
  public static String requireUri(String field, @Nullable String uri) {
    if (uri == null || uri.isBlank()) {
      throw new InvalidRequest(field, "is required");
    }
    try {
      URI parsed = new URI(uri);
      if (parsed.getScheme() == null || (parsed.getRawSchemeSpecificPart() == null)) {
        throw new InvalidRequest(field, "'" + abbreviate(uri) + "' has no scheme");
      }
    } catch (URISyntaxException e) {
      throw new InvalidRequest(field, "'" + abbreviate(uri) + "' is not a valid URI: " + e.getReason());
    }
    return uri;
  }

  /** An artifact location KServe can load: {@code s3://, gs://, pvc://, https://} or {@code hf://}. */
  public static String requireStorageUri(String field, @Nullable String uri) {
    requireUri(field, uri);
    URI parsed = URI.create(uri);
    if (!STORAGE_SCHEMES.contains(parsed.getScheme())) {
      throw new InvalidRequest(field, "scheme '" + parsed.getScheme() + "' is not a KServe storageUri scheme; expected one of "
          + STORAGE_SCHEMES.stream().sorted().toList());
    }
    if ((parsed.getAuthority() == null || parsed.getAuthority().isBlank())) {
      throw new InvalidRequest(field, "'" + abbreviate(uri) + "' names no bucket, volume or host");
    }
    return uri;
  }

  public static @Nullable String optionalText(String field, @Nullable String text) {
    if (text != null && text.length() > MAX_TEXT) {
      throw new InvalidRequest(field, "is longer than " + MAX_TEXT + " characters");
    }
    return text;
  }

  public static String requireText(String field, @Nullable String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidRequest(field, "is required");
    }
    return optionalText(field, text);
  }

  /** Tag, metric and parameter keys: letters, digits and {@code . _ / -}, at most 128 characters. */
  public static String requireKey(String field, @Nullable String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_NAME || !KEY.matcher(key).matches()) {
      throw new InvalidRequest(field, "key '" + (key == null ? "" : abbreviate(key))
          + "' must match [A-Za-z0-9][A-Za-z0-9._/-]* and be at most " + MAX_NAME + " characters");
    }
    return key;
  }

  public static <V> Map<String, V> requireKeys(String field, @Nullable Map<String, V> map) {
    if (map == null) {
      return Map.of();
    }
    FieldErrors errors = new FieldErrors();
    map.forEach((k, v) -> {
      errors.check(() -> requireKey(field, k));
      if (v == null) {
        errors.add(field + "." + k, "must not be null");
      } else if (v instanceof String s) {
        errors.check(() -> optionalText(field + "." + k, s));
      }
    });
    errors.throwIfAny();
    return map;
  }

  public static <T> List<T> orEmpty(@Nullable List<T> list) {
    return list == null ? List.of() : list;
  }

  public static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
