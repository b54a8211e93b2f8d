package dev.steward.server.web;

import dev.steward.registry.InvalidRequest.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says in a user's words what is wrong with a JSON body Jackson refused: which field, what it must be,
 * what was sent. Never a Java type or a Jackson setting: those mean nothing to a caller.
 *
 * <pre>{@code
 * JsonBodyErrors.describe(e)   // FieldError[field=rowCount, detail=must be an integer, was 1.0]
 * }</pre>
 */
final class JsonBodyErrors {
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"");
  private static final Pattern ENUM_VALUES = Pattern.compile("not one of the values accepted for Enum class: (\\[.*?])");
  private static final Pattern OUT_OF_RANGE = Pattern.compile("Numeric value \\((.*?)\\) out of range.*?\\((-?\\d+) - (-?\\d+)\\)");
  private static final int MAX_SHOWN = 60;

  private JsonBodyErrors() {}

  /** The field at fault (empty for the body as a whole) and what is wrong with it. */
  static FieldError describe(JacksonException e) {
    String field = field(e);
    if (e instanceof UnrecognizedPropertyException u) {
      String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream().map(String::valueOf)
          .sorted().collect(Collectors.joining(", ", "; known fields here: ", ""));
      return new FieldError(field, "is not a known field" + known);
    }
    if (e instanceof ExactDoubles.UnrepresentableNumber) {
      return new FieldError(field, e.getOriginalMessage());
    }
    if (e instanceof InputCoercionException c) {
      Matcher range = OUT_OF_RANGE.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
      return new FieldError(field, "must be " + expected(c.getTargetType(), e) + (range.find()
          ? " from " + range.group(2) + " to " + range.group(3) + ", was " + abbreviate(range.group(1))
          : " within its range"));
    }
    if (e instanceof MismatchedInputException m) {
      String message = m.getOriginalMessage() == null ? "" : m.getOriginalMessage();
      if (message.startsWith("Trailing token")) {
        return new FieldError("", "is not valid JSON" + where(e.getLocation()) + ": more follows the first value; "
            + "send exactly one JSON value");
      }
      if (message.startsWith("Cannot map `null`")) {
        return new FieldError(field, "is required: " + expected(m.getTargetType(), e) + ", not null");
      }
      Object value = m instanceof InvalidFormatException f ? f.getValue() : null;
      return new FieldError(field, "must be " + expected(m.getTargetType(), e) + ", was "
          + (value != null ? shown(value) : token(m.getCurrentToken())));
    }
    if (e instanceof StreamConstraintsException) {
      return new FieldError(field, "is too large: " + plain(e.getOriginalMessage()));
    }
    if (e instanceof StreamReadException) {
      Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
      if (duplicate.find()) {
        String name = duplicate.group(1);
        String at = parserPosition(e);
        at = at.isEmpty() ? name : at.equals(name) || at.endsWith("." + name) ? at : at + "." + name;
        return new FieldError(at, "appears twice in the same object; send each field once");
      }
      return new FieldError("", "is not valid JSON" + where(e.getLocation()) + ": " + plain(e.getOriginalMessage()));
    }
    return new FieldError(field, "could not be read: " + plain(e.getOriginalMessage()));
  }

  /**
   * What a value of this Java type looks like in JSON, for example {@code an integer} or
   * {@code one of [ok, warn, alert]}.
   */
  static String expected(@Nullable Class<?> type, @Nullable JacksonException e) {
    if (type == null) {
      return "another kind of value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class
        || type == Short.class || type == short.class || type == Byte.class || type == byte.class
        || type == BigInteger.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class || type == Float.class || type == float.class
        || type == BigDecimal.class || type == Number.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class) {
      return "a string";
    }
    if (type.isEnum()) {
      Matcher values = ENUM_VALUES.matcher(e == null || e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
      if (values.find()) {
        return "one of " + values.group(1);
      }
      return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "an ISO-8601 timestamp such as 2026-01-31T12:00:00Z";
    }
    if (type == Duration.class) {
      return "an ISO-8601 duration such as PT1H";
    }
    if (type == URI.class) {
      return "a URI";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type == Object.class || type.getName().endsWith("JsonNode")) {
      return "a JSON value";
    }
    if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
      return "an object";
    }
    return "another kind of value";
  }

  private static String token(@Nullable JsonToken token) {
    if (token == null) {
      return "missing";
    }
    return switch (token) {
      case START_OBJECT, END_OBJECT, PROPERTY_NAME -> "an object";
      case START_ARRAY, END_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a number with a fraction or exponent";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      case VALUE_NULL -> "null";
      default -> "another kind of value";
    };
  }

  private static String shown(Object value) {
    return abbreviate(value instanceof String text ? "\"" + text + "\"" : String.valueOf(value));
  }

  private static String abbreviate(String s) {
    return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN - 3) + "...";
  }

  /** Where the error is: the path Jackson recorded while binding ({@code features[2].name}), or empty. */
  static String field(JacksonException e) {
    StringBuilder sb = new StringBuilder();
    for (JacksonException.Reference r : e.getPath()) {
      if (r.getPropertyName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(r.getPropertyName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** Where the parser stood when it failed, for errors found while reading rather than binding. */
  private static String parserPosition(JacksonException e) {
    String bound = field(e);
    if (bound.isEmpty() && e.processor() instanceof JsonParser p && p.streamReadContext() != null) {
      return pointer(p.streamReadContext().pathAsPointer());
    }
    return bound;
  }

  private static String pointer(JsonPointer pointer) {
    StringBuilder sb = new StringBuilder();
    for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
      if (p.mayMatchElement()) {
        sb.append('[').append(p.getMatchingIndex()).append(']');
      } else {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(p.getMatchingProperty());
      }
    }
    return sb.toString();
  }

  private static String where(@Nullable TokenStreamLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /**
   * Jackson's own words without the Java and Jackson names they carry in back-quotes: a parenthesis that
   * holds one is dropped, as in {@code maximum allowed (1000, from `StreamReadConstraints...`)}.
   */
  static String plain(@Nullable String message) {
    if (message == null || message.isBlank()) {
      return "the body could not be read";
    }
    String s = message;
    int tick = s.indexOf('`');
    while (tick >= 0) {
      int open = s.lastIndexOf('(', tick);
      if (open < 0) {
        s = s.substring(0, tick).strip();
        break;
      }
      int depth = 0;
      int close = -1;
      for (int i = open; i < s.length(); i++) {
        if (s.charAt(i) == '(') {
          depth++;
        } else if (s.charAt(i) == ')' && --depth == 0) {
          close = i;
          break;
        }
      }
      s = close < 0 ? s.substring(0, open).strip() : (s.substring(0, open).strip() + " " + s.substring(close + 1).strip()).strip();
      tick = s.indexOf('`');
    }
    return s.replaceAll("\\s+", " ").strip();
  }
}
