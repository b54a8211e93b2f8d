package dev.steward.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Steward does not start with a supplied bootstrap token that is easy to guess, and says how to make one. */
class BootstrapTokenTests {
  Path dataDir;

  @BeforeEach
  void createDataDir() throws Exception {
    dataDir = Files.createTempDirectory("steward-bootstrap");
  }

  @AfterEach
  void deleteDataDir() {
    Steward.deleteRecursively(dataDir);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "stw_walkthrough-admin", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "abababababababababababababababababababab", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"})
  void refusesToStartWithAWeakSuppliedToken(String weak) {
    assertThatThrownBy(() -> Steward.start(dataDir, Database.h2(), Map.of("steward.bootstrap-token", weak)).close())
        .satisfies(e -> {
          Throwable root = e;
          while (root.getCause() != null) {
            root = root.getCause();
          }
          assertThat(root.getMessage()).contains("too weak").contains("openssl rand -base64 32")
              .doesNotContain(weak);
        });
  }
}
