package dev.steward.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenStrengthTests {
  private final SecureRandom random = new SecureRandom();

  @ParameterizedTest
  @ValueSource(strings = {"abc", "stw_system-test-admin-token", "correct-horse-battery-staple",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "abcabcabcabcabcabcabcabcabcabcabcabcabc",
      "0123456789abcdef0123456789abcdef0123456789abcdef", "abcdefghijklmnopqrstuvwxyz0123456789",
      "Password1Password1Password1Password1"})
  void findsGuessableTokensWeak(String token) {
    assertThat(TokenStrength.weakness(token)).isPresent();
    assertThat(TokenStrength.weakness(token).orElseThrow()).doesNotContain(token);
  }

  @Test
  void acceptsWhatTheDocumentedCommandsMake() {
    for (int i = 0; i < 2_000; i++) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      String base64 = Base64.getEncoder().encodeToString(bytes);         // openssl rand -base64 32
      String urlSafe = "stw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      String hex = HexFormat.of().formatHex(bytes);                      // openssl rand -hex 32
      assertThat(TokenStrength.weakness(base64)).as(base64).isEmpty();
      assertThat(TokenStrength.weakness(urlSafe)).as(urlSafe).isEmpty();
      assertThat(TokenStrength.weakness(hex)).as(hex).isEmpty();
    }
  }

  @Test
  void saysHowLongATokenMustBe() {
    assertThat(TokenStrength.weakness("short")).hasValueSatisfying(reason -> assertThat(reason).contains("32"));
  }
}
