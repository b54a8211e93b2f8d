package dev.steward.policies;

import static dev.steward.policies.PolicyFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lineage.ChangedFile;
import dev.steward.lineage.RecordedChange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The projection turns policy and promotion files into rows; applying a commit twice changes nothing. */
class PolicyProjectionTests {
  private final PolicyProjection projection = new PolicyProjection();
  private JdbcClient jdbc;
  private PolicyIndex index;

  @BeforeEach
  void createTables() throws IOException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:policies-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    jdbc = JdbcClient.create(ds);
    for (String migration : List.of("V3_1__policies.sql", "V3_2__policy_governance.sql")) {
      try (InputStream in = getClass().getResourceAsStream("/db/migration/policies/" + migration)) {
        String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
        for (String statement : sql.split(";")) {
          if (!statement.isBlank()) {
            jdbc.sql(statement).update();
          }
        }
      }
    }
    index = new PolicyIndex(jdbc);
  }

  private static RecordedChange change(String commit, String path, Object document) {
    return new RecordedChange(commit, NOW, "alice", "test", "x", Map.of(),
        List.of(new ChangedFile(path, PolicyDocuments.toYaml(document))));
  }

  private void apply(RecordedChange c) {
    c.files().forEach(f -> projection.apply(jdbc, c, f, false));
  }

  private Map<String, Long> rows() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : List.of("policy_version", "promotion")) {
      counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
    return counts;
  }

  @Test
  void indexesEachKindOfFileAndIsIdempotent() {
    Policy policy = PolicyFixtures.policy(PolicyFixtures.rule("r", "true"));
    Promotion promotion = Promotion.requested("p1", "churn", 2, PolicyFixtures.DIGEST, "dev", null, "bob", NOW,
        NOW.plus(Duration.ofDays(7)), new Evaluation.PolicyRef("test-gate", 1, PolicyFixtures.DIGEST),
        ApprovalGates.compare(PolicyFixtures.churn(2, 0.9), null));
    List<RecordedChange> commits = List.of(change("c1", policy.path(), policy), change("c2", promotion.path(), promotion));

    commits.forEach(this::apply);
    Map<String, Long> once = rows();
    commits.forEach(this::apply);

    assertThat(rows()).isEqualTo(once).containsValues(1L, 1L);
    assertThat(index.latestPolicy("test-gate")).map(Policy::digest).get().asString().startsWith("sha256:");
    assertThat(index.promotion("p1")).map(Promotion::state).contains(PromotionState.PENDING);
    assertThat(index.pendingPromotion("churn", "dev", NOW)).contains("p1");
  }

  @Test
  void aPolicyTakesEffectOnlyWhenSomeoneElseApprovesTheRulesItNames() {
    Policy policy = PolicyFixtures.policy(PolicyFixtures.rule("r", "true"));
    apply(change("c1", policy.path(), policy));
    assertThat(index.activePolicy("test-gate")).isEmpty();
    assertThat(index.policy("test-gate", 1)).map(Policy::state).contains(PolicyState.PROPOSED);
    String digest = index.policy("test-gate", 1).orElseThrow().digest();

    PolicyDecision self = new PolicyDecision("test-gate", 1, digest, Verdict.APPROVE, "alice", List.of("admin"), null, NOW);
    apply(change("c2", self.path(), self));
    assertThat(index.activePolicy("test-gate")).as("the author approving their own rules").isEmpty();

    PolicyDecision other = new PolicyDecision("test-gate", 1, PolicyFixtures.DIGEST, Verdict.APPROVE, "grace",
        List.of("policy-admin"), null, NOW);
    apply(change("c3", other.path(), other));
    assertThat(index.activePolicy("test-gate")).as("an approval of other rules (digest)").isEmpty();

    PolicyDecision approved = new PolicyDecision("test-gate", 1, digest, Verdict.APPROVE, "grace",
        List.of("policy-admin"), "ok", NOW);
    apply(change("c4", approved.path(), approved));
    assertThat(index.activePolicy("test-gate")).map(Policy::decision).map(PolicyDecision::decidedBy).contains("grace");
  }
}
