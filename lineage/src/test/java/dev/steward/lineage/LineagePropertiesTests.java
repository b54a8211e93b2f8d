package dev.steward.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code steward.lineage.signing.*} as the server binds it, environment variable forms included. */
class LineagePropertiesTests {

	private static final String OLD_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBBz4aWZAOqtWL6rTw3bW62NaUGeOPWW9PlCaBaBetef old";

	private static LineageProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("steward.lineage", LineageProperties.class);
	}

	@Test
	void generatesTheKeyInTheSigningDirectoryUnlessOneIsSupplied() {
		SigningSettings signing = bind(Map.of()).settings(Path.of("/data/signing")).signing();

		assertThat(signing.key()).isEqualTo(Path.of("/data/signing/steward_ed25519"));
		assertThat(signing.generate()).isTrue();
		assertThat(signing.allowedSigners()).isEqualTo(Path.of("/data/signing/allowed_signers"));
		assertThat(signing.trustedKeys()).isEmpty();
		assertThat(signing.trustStart()).isNull();
	}

	@Test
	void takesASuppliedKeyTrustedKeysAndATrustStart() {
		String start = "0123456789abcdef0123456789abcdef01234567";
		SigningSettings signing = bind(Map.of("steward.lineage.signing.key", "/run/secrets/steward_ed25519",
				"steward.lineage.signing.trusted-keys", OLD_KEY + "," + OLD_KEY.replace(" old", " older"),
				"steward.lineage.signing.trust-start", start)).settings(Path.of("/data/signing")).signing();

		assertThat(signing.key()).isEqualTo(Path.of("/run/secrets/steward_ed25519"));
		assertThat(signing.generate()).isFalse();
		assertThat(signing.allowedSigners()).isEqualTo(Path.of("/data/signing/allowed_signers"));
		assertThat(signing.trustedKeys()).containsExactly(OLD_KEY, OLD_KEY.replace(" old", " older"));
		assertThat(signing.trustStart()).isEqualTo(start);
	}

	@Test
	void rejectsATrustStartThatIsNoCommitId() {
		LineageProperties properties = bind(Map.of("steward.lineage.signing.trust-start", "main"));

		assertThatThrownBy(() -> properties.settings(Path.of("/data/signing")))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("40-hex commit id");
	}
}
