package dev.steward.drift.traffic;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one JSON line of scored traffic, {@code {"request_id", "model", "version", "environment",
 * "timestamp", "features": {...}, "score", "label"?}}, with Jackson's streaming parser. It checks the
 * syntax and types only; checks against the model version happen in {@link TrafficMonitor}.
 */
final class RowReader {
  static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  /** A row as read; {@code error} is set when the line cannot be used. */
  static final class Row {
    @Nullable String requestId;
    @Nullable String model;
    int version = -1;
    @Nullable String environment;
    long timestamp = Long.MIN_VALUE;
    double score = Double.NaN;
    boolean scoreGiven;
    int label = -1;
    /** Feature names, and per feature a number ({@code kinds} 1), a text (2) or null (0). */
    String[] names = new String[64];
    double[] numbers = new double[64];
    @Nullable String[] texts = new String[64];
    byte[] kinds = new byte[64];
    int features;
    @Nullable String error;

    void add(String name, byte kind, double number, @Nullable String text) {
      if (features == names.length) {
        int n = features * 2;
        names = java.util.Arrays.copyOf(names, n);
        numbers = java.util.Arrays.copyOf(numbers, n);
        texts = java.util.Arrays.copyOf(texts, n);
        kinds = java.util.Arrays.copyOf(kinds, n);
      }
      names[features] = name;
      kinds[features] = kind;
      numbers[features] = number;
      texts[features] = text;
      features++;
    }

    /** Makes the row empty again, keeping its arrays, for the next line. */
    void reset() {
      requestId = null;
      model = null;
      version = -1;
      environment = null;
      timestamp = Long.MIN_VALUE;
      score = Double.NaN;
      scoreGiven = false;
      label = -1;
      java.util.Arrays.fill(texts, 0, features, null);
      features = 0;
      error = null;
    }

    /** Checks that the required fields came, once the whole line is read. */
    Row finish() {
      if (error == null) {
        if (requestId == null || requestId.isEmpty()) {
          fail("request_id is missing");
        } else if (model == null) {
          fail("model is missing");
        } else if (version < 1) {
          fail("version is missing");
        } else if (timestamp == Long.MIN_VALUE) {
          fail("timestamp is missing");
        }
      }
      if (environment == null) {
        environment = "default";
      }
      return this;
    }

    Row fail(String message) {
      if (error == null) {
        error = message;
      }
      return this;
    }
  }

  private RowReader() {
  }

  static Row read(byte[] buf, int offset, int length) {
    Row row = new Row();
    try (JsonParser p = JSON.createParser(buf, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return row.fail("not a JSON object");
      }
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "request_id" -> row.requestId = t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT
              ? p.getString() : fail(row, p, "request_id must be a string");
          case "model" -> row.model = t == JsonToken.VALUE_STRING ? p.getString() : fail(row, p, "model must be a string");
          case "environment" -> row.environment = t == JsonToken.VALUE_STRING ? p.getString()
              : fail(row, p, "environment must be a string");
          case "version" -> {
            if (t == JsonToken.VALUE_NUMBER_INT) {
              row.version = p.getIntValue();
            } else if (t == JsonToken.VALUE_STRING && p.getString().matches("\\d{1,9}")) {
              row.version = Integer.parseInt(p.getString());
            } else {
              fail(row, p, "version must be a positive integer");
            }
          }
          case "timestamp" -> {
            if (t == JsonToken.VALUE_STRING) {
              row.timestamp = instant(p.getString());
              if (row.timestamp == Long.MIN_VALUE) {
                row.fail("timestamp '" + p.getString() + "' is not an ISO-8601 instant");
              }
            } else if (t == JsonToken.VALUE_NUMBER_INT) {
              row.timestamp = p.getLongValue();
            } else {
              fail(row, p, "timestamp must be an ISO-8601 instant or epoch milliseconds");
            }
          }
          case "score" -> {
            row.scoreGiven = t != JsonToken.VALUE_NULL;
            row.score = switch (t) {
              case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
              case VALUE_NULL -> Double.NaN;
              case VALUE_STRING -> {
                double d = NumericText.parse(p.getString());
                if (Double.isNaN(d) && !NumericText.isNaN(p.getString())) {
                  row.fail("score '" + p.getString() + "' is not a number");
                }
                yield d;
              }
              default -> {
                fail(row, p, "score must be a number");
                yield Double.NaN;
              }
            };
          }
          case "label" -> {
            switch (t) {
              case VALUE_NULL -> row.label = -1;
              case VALUE_TRUE -> row.label = 1;
              case VALUE_FALSE -> row.label = 0;
              case VALUE_NUMBER_INT -> {
                int v = p.getIntValue();
                if (v != 0 && v != 1) {
                  row.fail("label must be 0 or 1");
                }
                row.label = v;
              }
              default -> fail(row, p, "label must be 0, 1, true or false");
            }
          }
          case "features" -> {
            if (t != JsonToken.START_OBJECT) {
              fail(row, p, "features must be an object");
              break;
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
              String name = p.currentName();
              JsonToken v = p.nextToken();
              switch (v) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> row.add(name, (byte) 1, number(p), null);
                case VALUE_STRING -> row.add(name, (byte) 2, 0, p.getString());
                case VALUE_NULL -> row.add(name, (byte) 0, 0, null);
                case VALUE_TRUE -> row.add(name, (byte) 2, 0, "true");
                case VALUE_FALSE -> row.add(name, (byte) 2, 0, "false");
                default -> {
                  row.add(name, (byte) 0, 0, null);
                  p.skipChildren();
                  row.fail("feature '" + name + "' is not a number, string, boolean or null");
                }
              }
            }
          }
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        row.fail("text after the JSON object");
      }
    } catch (JacksonException e) {
      row.fail("malformed JSON: " + e.getOriginalMessage());
    }
    row.finish();
    return row;
  }

  static final double[] POWERS_OF_TEN = new double[23];

  static {
    POWERS_OF_TEN[0] = 1.0;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10.0;
    }
  }

  /**
   * The current number token as a double. Plain decimals with at most 15 significant digits take the
   * exact fast path (an integer below 2^53 divided by an exactly representable power of ten is
   * correctly rounded); everything else goes through Jackson.
   */
  static double number(JsonParser p) {
    char[] chars = p.getStringCharacters();
    int off = p.getStringOffset();
    int end = off + p.getStringLength();
    int i = off;
    boolean negative = i < end && chars[i] == '-';
    if (negative) {
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = -1;
    for (; i < end; i++) {
      char c = chars[i];
      if (c >= '0' && c <= '9') {
        if (mantissa != 0 || c != '0') {
          digits++;
        }
        mantissa = mantissa * 10 + (c - '0');
        if (fraction >= 0) {
          fraction++;
        }
      } else if (c == '.' && fraction < 0) {
        fraction = 0;
      } else {
        return p.getDoubleValue();
      }
      if (digits > 15) {
        return p.getDoubleValue();
      }
    }
    int scale = Math.max(fraction, 0);
    if (scale >= POWERS_OF_TEN.length || i == off + (negative ? 1 : 0)) {
      return p.getDoubleValue();
    }
    double v = scale == 0 ? mantissa : mantissa / POWERS_OF_TEN[scale];
    return negative ? -v : v;
  }

  /**
   * Epoch milliseconds of an ISO-8601 instant; the common {@code 2026-01-05T10:00:00[.fff]Z} form is read
   * directly, others through {@link Instant#parse}. {@code Long.MIN_VALUE} when it is not one.
   */
  static long instant(String s) {
    int n = s.length();
    if (n >= 20 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':'
        && s.charAt(16) == ':' && s.charAt(n - 1) == 'Z') {
      int year = digits(s, 0, 4);
      int month = digits(s, 5, 2);
      int day = digits(s, 8, 2);
      int hour = digits(s, 11, 2);
      int minute = digits(s, 14, 2);
      int second = digits(s, 17, 2);
      int millis = 0;
      boolean ok = year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour >= 0 && hour < 24
          && minute >= 0 && minute < 60 && second >= 0 && second < 60;
      if (ok && n > 20) {
        ok = s.charAt(19) == '.' && n - 21 >= 1 && n - 21 <= 9;
        for (int i = 20; ok && i < n - 1; i++) {
          char c = s.charAt(i);
          ok = c >= '0' && c <= '9';
          if (ok && i < 23) {
            millis = millis * 10 + (c - '0');
          }
        }
        for (int i = Math.min(n - 1, 23); ok && i < 23; i++) {
          millis *= 10;
        }
      } else if (n != 20) {
        ok = false;
      }
      if (ok) {
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
      }
    }
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      return Long.MIN_VALUE;
    }
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static @Nullable String fail(Row row, JsonParser p, String message) {
    p.skipChildren();
    row.fail(message);
    return null;
  }
}
