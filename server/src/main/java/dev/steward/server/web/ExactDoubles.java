package dev.steward.server.web;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads {@code double} and {@code Double} fields only from JSON numbers that a double holds: a number
 * so large that it would become infinity ({@code 1e400}) or so small that it would become 0
 * ({@code 1e-400}) is refused, as is text ({@code "0.5"}, {@code "NaN"}). Jackson alone reads all of them
 * silently.
 */
final class ExactDoubles extends NumberDeserializers.DoubleDeserializer {

  private ExactDoubles(Class<Double> type, @Nullable Double nullValue) {
    super(type, nullValue);
  }

  static SimpleModule module() {
    return new SimpleModule("steward-exact-doubles")
        .addDeserializer(Double.class, new ExactDoubles(Double.class, null))
        .addDeserializer(Double.TYPE, new ExactDoubles(Double.TYPE, 0.0));
  }

  @Override
  public Double deserialize(JsonParser p, DeserializationContext ctxt) {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      double value = p.getDoubleValue();
      String text = p.getString();
      if (Double.isInfinite(value)) {
        throw new UnrepresentableNumber(p, text + " is too large for a double-precision number (at most "
            + Double.MAX_VALUE + ")");
      }
      if (value == 0.0 && !writtenAsZero(text)) {
        throw new UnrepresentableNumber(p, text + " is too small for a double-precision number and would be read as 0;"
            + " send 0 or a number of magnitude at least " + Double.MIN_VALUE);
      }
      return value;
    }
    if (token == JsonToken.VALUE_STRING) {
      throw MismatchedInputException.from(p, Double.class, "text where a number is expected");
    }
    return super.deserialize(p, ctxt);
  }

  /** True if every digit before the exponent is 0: {@code 0}, {@code -0.0}, {@code 0e5}. */
  static boolean writtenAsZero(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 'e' || c == 'E') {
        return true;
      }
      if (c >= '1' && c <= '9') {
        return false;
      }
    }
    return true;
  }

  /** A JSON number that a double cannot hold; its message says why and what to send. */
  static final class UnrepresentableNumber extends MismatchedInputException {
    UnrepresentableNumber(JsonParser p, String message) {
      super(p, message, Double.class);
    }
  }
}
