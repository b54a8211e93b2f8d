package dev.steward.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registrations are indexed from the entities the registry just wrote, not from their YAML parsed back;
 * the rows must be exactly those a rebuild from Git writes.
 */
class LiveIndexingTests {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  @TempDir
  Path dir;
  RegistryHarness h;

  @BeforeEach
  void open() {
    h = new RegistryHarness(dir);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void indexesEveryKindExactlyAsARebuildFromGitDoes() {
    registerOneOfEverything();
    assertThat(h.parsed.size()).as("remembered entities left behind").isZero();
    assertThat(h.parsed.used()).as("versions indexed without parsing their YAML").isEqualTo(8);
    List<Map<String, Object>> live = snapshot();
    assertThat(live).hasSizeGreaterThan(20);

    h.index.rebuild();

    assertThat(snapshot()).isEqualTo(live);
  }

  private void registerOneOfEverything() {
    ModelRegistry r = h.registry;
    r.registerDataset("alice", new Registrations.Dataset("raw", "s3://lake/raw", DIGEST,
        List.of(new Column("tenure", "int"), new Column("plan", "string")), 1200L,
        new TimeRange(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00.123456789Z")),
        null, Map.of("team", "growth", "pii", "no"), "Raw events, \"quoted\" and ünïcode"));
    r.registerDataset("alice", new Registrations.Dataset("clean", "gs://lake/clean", DIGEST, null, null, null,
        List.of(new Ref("raw", 1)), null, null));
    r.registerFeatureSet("alice", new Registrations.FeatureSet("churn-features",
        List.of(new Feature("tenure", "int", "months as a customer", "Tenure", false),
            new Feature("email", "string", null, null, true)),
        List.of(new Ref("clean", 1)), Map.of("owner", "ml"), "features"));
    r.registerThresholdSet("alice", new Registrations.ThresholdSet("churn-thresholds",
        Map.of("decision_threshold", 0.5, "min_auc", 0.75, "psi_alert", 0.25), null, null));
    r.registerExplanationTemplate("alice", new Registrations.ExplanationTemplate("churn-reasons",
        new Ref("churn-features", 1), Map.of("tenure", "Short tenure", "email", "Contact on file"), 2, "en-GB",
        null, "reasons"));
    r.registerModel("alice", new Registrations.NewModel("churn", Map.of("domain", "retention"), "Churn model"));
    r.registerModelVersion("alice", "churn", new Registrations.NewModelVersion("s3://models/churn/1",
        new ModelFormat("sklearn", "1.5"), "kserve-sklearnserver",
        new Signature(List.of(new Column("tenure", "int")), List.of(new Column("score", "double"))),
        Map.of("auc", 0.91, "f1", 0.8), Map.of("max_depth", "6"), List.of(new Ref("raw", 1), new Ref("clean", 1)),
        new Ref("churn-features", 1), new Ref("churn-thresholds", 1), new Ref("churn-reasons", 1),
        new MlflowRun("run-7", "http://mlflow.example:5000"), Map.of("stage", "candidate"), "first"));
    r.registerTogether("bob", "import-mlflow", List.of(new Registrations.Dataset("eval", "s3://lake/eval", DIGEST,
        null, 10L, null, null, null, null)), "churn", new Registrations.NewModelVersion("hf://org/churn",
        new ModelFormat("onnx", null), null, null, null, null, List.of(new Ref("raw", 1)), null, null, null, null,
        null, null), Map.of("Steward-Mlflow-Run", "run-8"));
    r.moveAlias("alice", "churn", "champion", 1);
  }

  private List<Map<String, Object>> snapshot() {
    return h.jdbc.sql("""
        select 'entity' as t, kind || '/' || name || '/' || version as k, digest || registered_by || registered_at
          || commit_id || document as v from registry_entity
        union all select 'tag', kind || '/' || name || '/' || version || '/' || tag_key, tag_value from registry_tag
        union all select 'reference', from_kind || '/' || from_name || '/' || from_version || '/' || role || '/'
          || to_kind || '/' || to_name || '/' || to_version, to_digest from registry_reference
        union all select 'alias', model || '@' || alias, version || moved_by || moved_at || commit_id from registry_alias
        order by 1, 2, 3""").query().listOfRows();
  }
}
