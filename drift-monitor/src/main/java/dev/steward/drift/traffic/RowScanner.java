package dev.steward.drift.traffic;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The fast path for reading a scored-row line in its common shape: ASCII keys and text without escapes,
 * plain JSON numbers, each field of the type {@link RowReader} documents. On anything else (an escape,
 * non-ASCII text, a NaN token, a number where text belongs, a nested value under an unknown key, a
 * malformed line, an unreadable timestamp) it answers null and the caller reads the line with
 * {@link RowReader}, which has the final word on syntax and on every error message. Token-by-token
 * parsing was the largest cost of ingestion; {@code RowScannerTests} checks that both readers agree on
 * generated and on mutated lines.
 *
 * <p>One scanner serves one batch: it reuses its {@link RowReader.Row} (valid until the next call) and
 * remembers the feature names of the previous line, which usually repeat in the same order.
 */
final class RowScanner {
  private final RowReader.Row row = new RowReader.Row();
  private byte[][] nameBytes = new byte[64][];
  private String[] names = new String[64];
  private static final int VALUES_KEPT = 64;
  /**
   * Longer numbers and strings go to RowReader, whose Jackson parser refuses numbers over 1,000
   * characters and names over 50,000 by default (StreamReadConstraints); below both, the readers agree.
   */
  private static final int MAX_NUMBER_LENGTH = 900;
  private static final int MAX_TEXT_LENGTH = 40_000;
  private ValueCache[] values = new ValueCache[64];
  private byte[] b = new byte[0];
  private int pos;
  private int end;
  /** Set by {@link #string()}: where the text of the last string starts (the opening quote is before it). */
  private int textStart;
  /** Set by {@link #number()}: whether the last number had neither a fraction nor an exponent. */
  private boolean integral;

  /**
   * The row on the JSON line that starts at {@code offset} and ends at the next newline or at
   * {@code limit}, or null when the line needs {@link RowReader} (or is blank). After a row,
   * {@link #lineEnd()} is where its line ends.
   */
  RowReader.@Nullable Row scanLine(byte[] buf, int offset, int limit) {
    row.reset();
    b = buf;
    pos = offset;
    end = limit;
    if (!object() || (pos < end && b[pos] != '\n')) {
      return null;
    }
    return row.finish();
  }

  /** The index of the newline (or the limit) that ended the last line {@link #scanLine} read. */
  int lineEnd() {
    return pos;
  }

  private boolean object() {
    skipSpace();
    if (!take('{')) {
      return false;
    }
    skipSpace();
    if (!take('}')) {
      do {
        skipSpace();
        int keyEnd = string();
        if (keyEnd < 0) {
          return false;
        }
        int keyStart = textStart;
        skipSpace();
        if (!take(':')) {
          return false;
        }
        skipSpace();
        if (!field(keyStart, keyEnd - keyStart)) {
          return false;
        }
        skipSpace();
      } while (take(','));
      if (!take('}')) {
        return false;
      }
    }
    skipSpace();
    return true;
  }

  private boolean field(int key, int keyLength) {
    if (is(key, keyLength, "features")) {
      return features();
    }
    if (is(key, keyLength, "request_id")) {
      return (row.requestId = text()) != null;
    }
    if (is(key, keyLength, "model")) {
      return (row.model = text()) != null;
    }
    if (is(key, keyLength, "environment")) {
      return (row.environment = text()) != null;
    }
    if (is(key, keyLength, "timestamp")) {
      String t = text();
      return t != null && (row.timestamp = RowReader.instant(t)) != Long.MIN_VALUE;
    }
    if (is(key, keyLength, "version")) {
      return version();
    }
    if (is(key, keyLength, "score")) {
      if (literal("null")) {
        row.scoreGiven = false;
        row.score = Double.NaN;
        return true;
      }
      double v = number();
      row.scoreGiven = true;
      // an integer token becomes a double through its integer value, as Jackson does: -0 is 0.0
      row.score = integral && v == 0.0 ? 0.0 : v;
      return !Double.isNaN(v);
    }
    if (is(key, keyLength, "label")) {
      return label();
    }
    return skipScalar();
  }

  private boolean features() {
    if (!take('{')) {
      return false;
    }
    skipSpace();
    if (take('}')) {
      return true;
    }
    do {
      skipSpace();
      int keyEnd = string();
      if (keyEnd < 0) {
        return false;
      }
      String name = name(row.features, textStart, keyEnd - textStart);
      skipSpace();
      if (!take(':')) {
        return false;
      }
      skipSpace();
      if (pos >= end) {
        return false;
      }
      byte c = b[pos];
      if (c == '"') {
        int stop = string();
        if (stop < 0) {
          return false;
        }
        row.add(name, (byte) 2, 0, value(row.features, textStart, stop - textStart));
      } else if (c == 'n' && literal("null")) {
        row.add(name, (byte) 0, 0, null);
      } else if (c == 't' && literal("true")) {
        row.add(name, (byte) 2, 0, "true");
      } else if (c == 'f' && literal("false")) {
        row.add(name, (byte) 2, 0, "false");
      } else {
        double v = number();
        if (Double.isNaN(v)) {
          return false;
        }
        row.add(name, (byte) 1, v, null);
      }
      skipSpace();
    } while (take(','));
    return take('}');
  }

  private boolean version() {
    int start = pos;
    double v = number();
    // 1 to 9 digits fit an int; anything else (a sign, a fraction, text) is left to RowReader
    if (!integral || Double.isNaN(v) || b[start] == '-' || pos - start > 9) {
      return false;
    }
    row.version = (int) v;
    return true;
  }

  private boolean label() {
    if (literal("null")) {
      row.label = -1;
    } else if (literal("true")) {
      row.label = 1;
    } else if (literal("false")) {
      row.label = 0;
    } else if (pos < end && (b[pos] == '0' || b[pos] == '1') && (pos + 1 == end || delimiter(b[pos + 1]))) {
      row.label = b[pos] - '0';
      pos++;
    } else {
      return false;
    }
    return true;
  }

  /** Skips the value of a field RowReader ignores, when it is a string, a number, true, false or null. */
  private boolean skipScalar() {
    if (pos >= end) {
      return false;
    }
    return switch (b[pos]) {
      case '"' -> string() >= 0;
      case 'n' -> literal("null");
      case 't' -> literal("true");
      case 'f' -> literal("false");
      default -> !Double.isNaN(number());
    };
  }

  /** The text of a string value, or null when there is none here or it needs the full reader. */
  private @Nullable String text() {
    int stop = string();
    return stop < 0 ? null : new String(b, textStart, stop - textStart, StandardCharsets.ISO_8859_1);
  }

  /**
   * Reads a string of printable ASCII without escapes; answers the index of its closing quote (its text
   * starts at {@link #textStart}) and moves past it, or -1.
   */
  private int string() {
    if (pos >= end || b[pos] != '"') {
      return -1;
    }
    int i = pos + 1;
    textStart = i;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        if (i - textStart > MAX_TEXT_LENGTH) {
          return -1;
        }
        pos = i + 1;
        return i;
      }
      if (c < 0x20 || c == '\\') { // bytes of 0x80 and above are negative: non-ASCII goes to RowReader too
        return -1;
      }
      i++;
    }
    return -1;
  }

  /**
   * A categorical value as a String: the same instance each time the same bytes come at the same feature
   * position, so its hash is computed once and the bin lookup finds it by identity. Up to
   * {@link #VALUES_KEPT} values per position are kept; values of features with more are not.
   */
  private String value(int index, int start, int length) {
    if (index >= values.length) {
      values = java.util.Arrays.copyOf(values, Math.max(index + 1, values.length * 2));
    }
    ValueCache cache = values[index];
    if (cache == null) {
      cache = values[index] = new ValueCache();
    }
    return cache.get(b, start, length);
  }

  /** Open addressing over a hash of the bytes; full at {@link #VALUES_KEPT} values. */
  private static final class ValueCache {
    private final byte[][] keys = new byte[VALUES_KEPT * 2][];
    private final String[] strings = new String[VALUES_KEPT * 2];
    private int size;

    String get(byte[] b, int start, int length) {
      int h = length;
      for (int k = start; k < start + length; k++) {
        h = 31 * h + b[k];
      }
      int mask = keys.length - 1;
      for (int slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
        byte[] key = keys[slot];
        if (key == null) {
          String value = new String(b, start, length, StandardCharsets.ISO_8859_1);
          if (size < VALUES_KEPT) {
            keys[slot] = java.util.Arrays.copyOfRange(b, start, start + length);
            strings[slot] = value;
            size++;
          }
          return value;
        }
        if (same(key, b, start, length)) {
          return strings[slot];
        }
      }
    }
  }

  /** Whether {@code key} equals the bytes at {@code start}; a plain loop beats a library call on names this short. */
  private static boolean same(byte[] key, byte[] b, int start, int length) {
    if (key.length != length) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (key[k] != b[start + k]) {
        return false;
      }
    }
    return true;
  }

  /** A feature name as a String, reusing the previous line's name at the same position when the bytes match. */
  private String name(int index, int start, int length) {
    if (index >= names.length) {
      names = java.util.Arrays.copyOf(names, index * 2);
      nameBytes = java.util.Arrays.copyOf(nameBytes, index * 2);
    }
    byte[] known = nameBytes[index];
    if (known != null && same(known, b, start, length)) {
      return names[index];
    }
    nameBytes[index] = java.util.Arrays.copyOfRange(b, start, start + length);
    names[index] = new String(b, start, length, StandardCharsets.ISO_8859_1);
    return names[index];
  }

  /**
   * Reads a JSON number (RFC 8259 grammar) and answers its value, NaN when there is none. Values take
   * the same exact fast path as {@link RowReader#number}, and {@link Double#parseDouble} otherwise, so
   * both readers give the same double.
   */
  private double number() {
    int start = pos;
    int i = pos;
    boolean negative = i < end && b[i] == '-';
    if (negative) {
      i++;
    }
    int intStart = i;
    long mantissa = 0;
    int significant = 0; // digits from the first non-zero one; past 15 the mantissa may overflow, unused then
    if (i < end && b[i] == '0') {
      i++;
    } else {
      for (int d; i < end && (d = b[i] - '0') >= 0 && d <= 9; i++) {
        mantissa = mantissa * 10 + d;
        significant++;
      }
    }
    if (i == intStart) {
      return Double.NaN;
    }
    int scale = 0;
    boolean fraction = i < end && b[i] == '.';
    if (fraction) {
      int fractionStart = ++i;
      for (int d; i < end && (d = b[i] - '0') >= 0 && d <= 9; i++) {
        mantissa = mantissa * 10 + d;
        if (mantissa != 0) {
          significant++;
        }
      }
      if (i == fractionStart) {
        return Double.NaN;
      }
      scale = i - fractionStart;
    }
    boolean exponent = i < end && (b[i] == 'e' || b[i] == 'E');
    if (exponent) {
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int digits = i;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      if (i == digits) {
        return Double.NaN;
      }
    }
    if ((i < end && !delimiter(b[i])) || i - start > MAX_NUMBER_LENGTH) {
      return Double.NaN;
    }
    pos = i;
    integral = !fraction && !exponent;
    if (!exponent && significant <= 15 && scale < RowReader.POWERS_OF_TEN.length) {
      double v = scale == 0 ? mantissa : mantissa / RowReader.POWERS_OF_TEN[scale];
      return negative ? -v : v;
    }
    return Double.parseDouble(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
  }

  private static final boolean[] DELIMITER = new boolean[256];

  static {
    for (char c : new char[] {',', '}', ']', ' ', '\t', '\r', '\n'}) {
      DELIMITER[c] = true;
    }
  }

  private static boolean delimiter(byte c) {
    return DELIMITER[c & 0xff];
  }

  private boolean literal(String word) {
    int n = word.length();
    if (end - pos < n) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (b[pos + k] != word.charAt(k)) {
        return false;
      }
    }
    if (pos + n < end && !delimiter(b[pos + n])) {
      return false;
    }
    pos += n;
    return true;
  }

  private boolean is(int start, int length, String key) {
    if (length != key.length()) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (b[start + k] != key.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private boolean take(char c) {
    if (pos < end && b[pos] == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** Skips JSON whitespace within the line: a newline ends the line, so it is not skipped. */
  private void skipSpace() {
    while (pos < end) {
      byte c = b[pos];
      if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      pos++;
    }
  }
}
