package dev.steward.server.access;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a supplied token is too easy to guess. Its unsalted SHA-256 is committed to the registry
 * repository, so anyone with a clone can try candidates offline: a token must be long and varied. Rules:
 * at least {@value #MIN_LENGTH} characters; about {@value #MIN_BITS} bits or more by the character
 * frequencies (length times their Shannon entropy: {@code openssl rand -base64 32} gives about 200,
 * {@code aaaa...} 0); not a repetition of a shorter piece ({@code abcabc...}) nor mostly runs of
 * consecutive characters ({@code abcdef...}, {@code 123456...}).
 */
final class TokenStrength {
  static final int MIN_LENGTH = 32;
  static final int MIN_BITS = 96;

  private TokenStrength() {}

  /** Why the token is weak, or empty if it is not. The reason never repeats the token. */
  static Optional<String> weakness(String token) {
    if (token.length() < MIN_LENGTH) {
      return Optional.of("it has " + token.length() + " characters; at least " + MIN_LENGTH + " are needed");
    }
    long bits = Math.round(estimatedBits(token));
    if (bits < MIN_BITS) {
      return Optional.of("its characters vary too little (about " + bits + " bits of variety; at least " + MIN_BITS
          + " are needed)");
    }
    if (period(token) < token.length()) {
      return Optional.of("it repeats a shorter piece");
    }
    if (consecutivePairs(token) * 2 >= token.length() - 1) {
      return Optional.of("it is mostly runs of consecutive characters");
    }
    return Optional.empty();
  }

  /** Length times the Shannon entropy of the token's character frequencies. */
  static double estimatedBits(String token) {
    Map<Integer, Integer> counts = new HashMap<>();
    token.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
    int n = token.codePointCount(0, token.length());
    double perCharacter = 0;
    for (int count : counts.values()) {
      double p = (double) count / n;
      perCharacter -= p * (Math.log(p) / Math.log(2));
    }
    return perCharacter * n;
  }

  /** The shortest p such that every character equals the one p places before it. */
  private static int period(String s) {
    for (int p = 1; p <= s.length() / 2; p++) {
      boolean periodic = true;
      for (int i = p; i < s.length() && periodic; i++) {
        periodic = s.charAt(i) == s.charAt(i - p);
      }
      if (periodic) {
        return p;
      }
    }
    return s.length();
  }

  private static int consecutivePairs(String s) {
    int pairs = 0;
    for (int i = 1; i < s.length(); i++) {
      int d = s.charAt(i) - s.charAt(i - 1);
      if (d == 1 || d == -1) {
        pairs++;
      }
    }
    return pairs;
  }
}
