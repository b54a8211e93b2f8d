package dev.steward.governance;

import dev.steward.registry.InvalidRequest;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One reason of an explanation template, parsed: either one text for both directions, or a text per direction
 * ({@code raises: Short tenure raises the risk || lowers: A long tenure lowers the risk}). A text may hold the
 * placeholders {@code {label}} (the feature's business label), {@code {direction}} (the template locale's word for
 * raises or lowers) and {@code {value}} (the feature's value in this prediction, numbers in the locale's format).
 *
 * <pre>{@code
 * ReasonText.parse("tenure", "A tenure of {value} months {direction} the churn risk", Locale.ENGLISH)
 *     .render(Direction.RAISES, "Customer tenure", 3, Locale.ENGLISH);   // "A tenure of 3 months raises the churn risk"
 * }</pre>
 */
final class ReasonText {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern SIDE = Pattern.compile("\\s*(raises|lowers)\\s*:\\s*(.*)", Pattern.DOTALL);
  /** The words for the two directions, by language; a template in another language writes per-direction text. */
  private static final Map<String, List<String>> WORDS = Map.of(
      "en", List.of("raises", "lowers"),
      "de", List.of("erhöht", "senkt"),
      "fr", List.of("augmente", "diminue"),
      "es", List.of("aumenta", "reduce"),
      "it", List.of("aumenta", "riduce"),
      "nl", List.of("verhoogt", "verlaagt"),
      "pt", List.of("aumenta", "reduz"));

  /** Which way a feature pushed the prediction: a positive contribution raises it. */
  enum Direction {
    RAISES("raises"), LOWERS("lowers");

    private final String id;

    Direction(String id) {
      this.id = id;
    }

    String id() {
      return id;
    }

    static @Nullable Direction of(double contribution) {
      return contribution > 0 ? RAISES : contribution < 0 ? LOWERS : null;
    }
  }

  private final String feature;
  private final String raises;
  private final String lowers;

  private ReasonText(String feature, String raises, String lowers) {
    this.feature = feature;
    this.raises = raises;
    this.lowers = lowers;
  }

  /**
   * Parses the reason the template gives for {@code feature}; a reason that cannot be rendered (an unknown
   * placeholder, {@code {direction}} in a language without direction words, a per-direction text missing a side)
   * is refused as a fault of the template (422, field {@code explanationTemplate.reasons.<feature>}).
   */
  static ReasonText parse(String feature, String reason, Locale locale) {
    String field = "explanationTemplate.reasons." + feature;
    String raises = reason;
    String lowers = reason;
    if (reason.contains("||")) {
      String[] sides = reason.split("\\|\\|", -1);
      String up = null;
      String down = null;
      for (String side : sides) {
        Matcher m = SIDE.matcher(side);
        if (!m.matches()) {
          throw new InvalidRequest(field, "'" + side.strip() + "' does not start with 'raises:' or 'lowers:'; write "
              + "per-direction text as 'raises: <text> || lowers: <text>'", true);
        }
        if (m.group(1).equals("raises")) {
          up = m.group(2).strip();
        } else {
          down = m.group(2).strip();
        }
      }
      if (sides.length != 2 || up == null || down == null) {
        throw new InvalidRequest(field, "per-direction text needs exactly one 'raises:' and one 'lowers:' side, "
            + "separated by '||'", true);
      }
      raises = up;
      lowers = down;
    }
    for (String text : List.of(raises, lowers)) {
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        String name = m.group(1);
        if (!name.equals("value") && !name.equals("label") && !name.equals("direction")) {
          throw new InvalidRequest(field, "uses the unknown placeholder {" + name + "}; a reason may use {label}, "
              + "{direction} and {value}", true);
        }
        if (name.equals("direction") && !WORDS.containsKey(locale.getLanguage())) {
          throw new InvalidRequest(field, "uses {direction}, but Steward has no direction words for locale '"
              + locale.toLanguageTag() + "' (it has " + String.join(", ", new java.util.TreeSet<>(WORDS.keySet()))
              + "); write 'raises: <text> || lowers: <text>' instead", true);
        }
      }
    }
    return new ReasonText(feature, raises, lowers);
  }

  /** Whether rendering the reason shows the feature's value. */
  boolean showsValue(Direction direction) {
    return (direction == Direction.RAISES ? raises : lowers).contains("{value}");
  }

  /** The reason in words: placeholders replaced, the value formatted for the locale. */
  String render(Direction direction, String label, @Nullable Object value, Locale locale) {
    String text = direction == Direction.RAISES ? raises : lowers;
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = switch (m.group(1)) {
        case "label" -> label;
        case "direction" -> WORDS.get(locale.getLanguage()).get(direction == Direction.RAISES ? 0 : 1);
        case "value" -> {
          if (value == null) {
            throw new InvalidRequest("values." + feature, "the reason for " + feature + " shows its value: send it "
                + "in values");
          }
          yield format(value, locale);
        }
        default -> throw new IllegalStateException("checked by parse: " + m.group());
      };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String format(Object value, Locale locale) {
    if (value instanceof Number n) {
      NumberFormat format = NumberFormat.getNumberInstance(locale);
      format.setMaximumFractionDigits(2);
      return format.format(n instanceof BigDecimal d ? d : n.doubleValue());
    }
    return String.valueOf(value);
  }

  static List<String> languages() {
    return new ArrayList<>(new java.util.TreeSet<>(WORDS.keySet()));
  }
}
