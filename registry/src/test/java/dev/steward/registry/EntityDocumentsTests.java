package dev.steward.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EntityDocumentsTests {
  private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");

  static ThresholdSetVersion thresholds(Map<String, Double> values) {
    return new ThresholdSetVersion("churn-thresholds", 3, new TreeMap<>(values), new TreeMap<>(), "limits", "alice", AT, null);
  }

  @Test
  void writesTheSameBytesWhateverTheInsertionOrder() {
    Map<String, Double> a = new LinkedHashMap<>();
    a.put("psi_alert", 0.25);
    a.put("min_auc", 0.8);
    Map<String, Double> b = new LinkedHashMap<>();
    b.put("min_auc", 0.8);
    b.put("psi_alert", 0.25);
    assertThat(EntityDocuments.toYaml(thresholds(a))).isEqualTo(EntityDocuments.toYaml(thresholds(b)));
  }

  @Test
  void keepsTheDigestOutOfTheFileAndComputesItFromTheBytes() {
    ThresholdSetVersion t = thresholds(Map.of("min_auc", 0.8)).withDigest("sha256:" + "0".repeat(64));
    byte[] yaml = EntityDocuments.toYaml(t);
    assertThat(new String(yaml, StandardCharsets.UTF_8)).doesNotContain("digest");
    Registered read = EntityDocuments.fromYaml(Kind.THRESHOLD_SET, yaml);
    assertThat(read.digest()).isEqualTo(EntityDocuments.digest(yaml)).matches("sha256:[0-9a-f]{64}");
    assertThat(read.withDigest(null)).isEqualTo(t.withDigest(null));
  }

  @Test
  void readsBackAModelVersionUnchanged() {
    ModelVersion v = new ModelVersion("churn", 7, "s3://models/churn/7", new ModelFormat("xgboost", "2"), "kserve-xgbserver",
        new Signature(List.of(new Column("tenure", "int")), List.of(new Column("score", "double"))),
        new TreeMap<>(Map.of("auc", 0.91)), new TreeMap<>(Map.of("eta", "0.1")),
        List.of(new Reference("churn-events", 2, "sha256:" + "a".repeat(64))),
        new Reference("churn-features", 1, "sha256:" + "b".repeat(64)), null, null,
        new MlflowRun("0a1b2c", "http://mlflow:5000"), new TreeMap<>(Map.of("team", "retention")), "yes", "alice", AT, null);
    byte[] yaml = EntityDocuments.toYaml(v);
    assertThat(EntityDocuments.fromYaml(Kind.MODEL_VERSION, yaml).withDigest(null)).isEqualTo(v);
    // "yes" must stay a string and not become a YAML boolean
    assertThat(new String(yaml, StandardCharsets.UTF_8)).contains("description: \"yes\"");
  }

  @Test
  void locatesFilesOfTheRepositoryLayout() {
    assertThat(EntityDocuments.locate("datasets/churn-events/0-99/2.yaml"))
        .contains(new EntityDocuments.Location(Kind.DATASET, "churn-events", 2));
    assertThat(EntityDocuments.locate("features/churn-features/0-99/1.yaml"))
        .contains(new EntityDocuments.Location(Kind.FEATURE_SET, "churn-features", 1));
    assertThat(EntityDocuments.locate("models/churn/versions/0-99/12.yaml"))
        .contains(new EntityDocuments.Location(Kind.MODEL_VERSION, "churn", 12));
    assertThat(EntityDocuments.locate("models/churn/versions/1200-1299/1234.yaml"))
        .contains(new EntityDocuments.Location(Kind.MODEL_VERSION, "churn", 1234));
    assertThat(EntityDocuments.locate("models/churn/model.yaml"))
        .contains(new EntityDocuments.Location(Kind.MODEL, "churn", 0));
    assertThat(EntityDocuments.locate("models/churn/aliases/champion.yaml")).isEmpty();
    assertThat(EntityDocuments.locateAlias("models/churn/aliases/champion.yaml"))
        .contains(new EntityDocuments.AliasLocation("churn", "champion"));
    assertThat(EntityDocuments.locate("datasets/churn-events/0-99/0.yaml")).isEmpty();
    assertThat(EntityDocuments.locate("access/tokens/tok-1.yaml")).isEmpty();
  }

  @Test
  void aVersionCountsOnlyInItsOwnGroupFolder() {
    assertThat(EntityDocuments.locate("models/churn/versions/12.yaml")).isEmpty();
    assertThat(EntityDocuments.locate("models/churn/versions/100-199/12.yaml")).isEmpty();
    assertThat(EntityDocuments.locate("datasets/churn-events/0-99/100.yaml")).isEmpty();
    assertThat(EntityDocuments.locate("datasets/churn-events/2.yaml")).isEmpty();
    assertThat(EntityDocuments.locate("datasets/churn-events/0-99/99999999999.yaml")).isEmpty();
    assertThat(EntityDocuments.locate("datasets/churn-events/2147483600-2147483699/2147483648.yaml")).isEmpty();
    assertThat(EntityDocuments.locate("datasets/churn-events/2147483600-2147483699/2147483647.yaml"))
        .contains(new EntityDocuments.Location(Kind.DATASET, "churn-events", Integer.MAX_VALUE));
  }

  @Test
  void placesEachKindWhereTheLayoutSays() {
    assertThat(Kind.THRESHOLD_SET.path("limits", 4)).isEqualTo("thresholds/limits/0-99/4.yaml");
    assertThat(Kind.EXPLANATION_TEMPLATE.path("reasons", 1)).isEqualTo("explanations/reasons/0-99/1.yaml");
    assertThat(Kind.MODEL_VERSION.path("churn", 3)).isEqualTo("models/churn/versions/0-99/3.yaml");
    assertThat(Kind.MODEL_VERSION.path("churn", 99)).isEqualTo("models/churn/versions/0-99/99.yaml");
    assertThat(Kind.MODEL_VERSION.path("churn", 100)).isEqualTo("models/churn/versions/100-199/100.yaml");
    assertThat(Kind.DATASET.path("events", 12_345)).isEqualTo("datasets/events/12300-12399/12345.yaml");
  }
}
