package dev.steward.policies;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.steward.registry.ExplanationTemplateVersion;
import dev.steward.registry.FeatureSetVersion;
import dev.steward.registry.ModelVersion;
import dev.steward.registry.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a policy's rules see, as CEL variables:
 * <ul>
 *   <li>{@code model}: the candidate version: {@code name, version, digest, artifactUri, format{name, version},
 *       runtime, metrics, params, tags, registeredBy, registeredAt, datasets[], featureSet, thresholdSet,
 *       explanationTemplate} (references are {@code {name, version, digest}} or null);</li>
 *   <li>{@code thresholds}: the values of its threshold set (null without one);</li>
 *   <li>{@code features}: its feature set's features {@code [{name, dtype, pii, businessLabel}]} (or null);</li>
 *   <li>{@code explanation}: its explanation template {@code {name, version, reasons, topK, locale}} (or null);</li>
 *   <li>{@code drift}: the latest drift status of the version deployed in the target environment, at least
 *       {@code {status}}: {@code unknown} until the drift monitor reports;</li>
 *   <li>{@code approvals}: {@code [{reviewer, roles, comment, at}]} so far;</li>
 *   <li>{@code requester}, {@code now} (a timestamp);</li>
 *   <li>{@code environment}: {@code {name, policy, previous}};</li>
 *   <li>{@code previous}: the version in the previous environment {@code {environment, deployed, current,
 *       since, soakSeconds}}, null for the first environment;</li>
 *   <li>{@code deployed}: the version now deployed in the target environment {@code {version, digest,
 *       metrics}}, or null;</li>
 *   <li>{@code revocations}: the consent revocations of dataset versions the candidate was built from
 *       {@code [{id, dataset: {name, version}, reason, revokedBy, revokedAt}]}, empty when none (see
 *       {@link InputRevocations});</li>
 *   <li>{@code cost}: what serving the candidate cost in the previous environment, from its last closed drift
 *       window {@code {environment, costPer1kPredictions, predictions, windowEnd, currency}}, or null when
 *       unknown (see {@link ServingCosts}).</li>
 * </ul>
 */
public record PromotionContext(
    ModelVersion model,
    @Nullable Map<String, Double> thresholds,
    @Nullable FeatureSetVersion featureSet,
    @Nullable ExplanationTemplateVersion explanation,
    Map<String, Object> drift,
    List<Decision> approvals,
    String requester,
    Environment environment,
    @Nullable String previousEnvironment,
    @Nullable Soak previous,
    @Nullable ModelVersion deployed,
    Instant now,
    List<Map<String, Object>> revocations,
    @Nullable Map<String, Object> cost) {

  public PromotionContext {
    revocations = List.copyOf(revocations);
    cost = cost == null ? null : Map.copyOf(cost);
  }

  /** A context without a known serving cost. */
  public PromotionContext(ModelVersion model, @Nullable Map<String, Double> thresholds,
      @Nullable FeatureSetVersion featureSet, @Nullable ExplanationTemplateVersion explanation,
      Map<String, Object> drift, List<Decision> approvals, String requester, Environment environment,
      @Nullable String previousEnvironment, @Nullable Soak previous, @Nullable ModelVersion deployed, Instant now,
      List<Map<String, Object>> revocations) {
    this(model, thresholds, featureSet, explanation, drift, approvals, requester, environment, previousEnvironment,
        previous, deployed, now, revocations, null);
  }

  /** A context in which no input of the candidate is revoked. */
  public PromotionContext(ModelVersion model, @Nullable Map<String, Double> thresholds,
      @Nullable FeatureSetVersion featureSet, @Nullable ExplanationTemplateVersion explanation,
      Map<String, Object> drift, List<Decision> approvals, String requester, Environment environment,
      @Nullable String previousEnvironment, @Nullable Soak previous, @Nullable ModelVersion deployed, Instant now) {
    this(model, thresholds, featureSet, explanation, drift, approvals, requester, environment, previousEnvironment,
        previous, deployed, now, List.of());
  }

  /** The CEL variables and their types. */
  static final Map<String, CelType> VARIABLES = variables(
      "model", SimpleType.DYN, "thresholds", SimpleType.DYN, "features", SimpleType.DYN,
      "explanation", SimpleType.DYN, "drift", SimpleType.DYN, "approvals", SimpleType.DYN,
      "requester", SimpleType.STRING, "environment", SimpleType.DYN, "previous", SimpleType.DYN,
      "deployed", SimpleType.DYN, "now", SimpleType.TIMESTAMP, "revocations", SimpleType.DYN,
      "cost", SimpleType.DYN);

  /**
   * How long the candidate ran in the previous environment: when it became the desired state there last,
   * whether it still is, and for how long (until now, or until it was replaced).
   */
  public record Soak(boolean deployed, boolean current, @Nullable Instant since, Duration soaked) {}

  /** The values of the variables, ready for CEL. */
  public Map<String, Object> variables() {
    Map<String, Object> v = new HashMap<>();
    v.put("model", version(model));
    v.put("thresholds", thresholds == null ? NullValue.NULL_VALUE : Map.copyOf(thresholds));
    v.put("features", featureSet == null ? NullValue.NULL_VALUE : featureSet.features().stream()
        .map(f -> Map.<String, Object>of("name", f.name(), "dtype", f.dtype(), "pii", f.pii(),
            "businessLabel", f.businessLabel() == null ? NullValue.NULL_VALUE : f.businessLabel()))
        .toList());
    v.put("explanation", explanation == null ? NullValue.NULL_VALUE : Map.of("name", explanation.name(),
        "version", (long) explanation.version(), "reasons", explanation.reasons(), "topK", (long) explanation.topK(),
        "locale", explanation.locale()));
    v.put("drift", drift);
    v.put("approvals", approvals.stream().map(d -> Map.of("reviewer", d.reviewer(), "roles", d.roles(),
        "comment", d.comment() == null ? "" : d.comment(), "at", d.decidedAt())).toList());
    v.put("requester", requester);
    Map<String, Object> env = new HashMap<>();
    env.put("name", environment.name());
    env.put("policy", environment.policy());
    env.put("previous", previousEnvironment == null ? NullValue.NULL_VALUE : previousEnvironment);
    v.put("environment", env);
    if (previousEnvironment == null || previous == null) {
      v.put("previous", NullValue.NULL_VALUE);
    } else {
      Map<String, Object> p = new HashMap<>();
      p.put("environment", previousEnvironment);
      p.put("deployed", previous.deployed());
      p.put("current", previous.current());
      p.put("since", previous.since() == null ? NullValue.NULL_VALUE : previous.since());
      p.put("soakSeconds", previous.soaked().toSeconds());
      v.put("previous", p);
    }
    v.put("deployed", deployed == null ? NullValue.NULL_VALUE
        : Map.of("version", (long) deployed.version(), "digest", nullable(deployed.digest()),
            "metrics", deployed.metrics()));
    v.put("now", now);
    v.put("revocations", revocations);
    v.put("cost", cost == null ? NullValue.NULL_VALUE : cost);
    return v;
  }

  private static Map<String, Object> version(ModelVersion m) {
    Map<String, Object> v = new HashMap<>();
    v.put("name", m.name());
    v.put("version", (long) m.version());
    v.put("digest", nullable(m.digest()));
    v.put("artifactUri", m.artifactUri());
    v.put("format", Map.of("name", m.format().name(), "version", nullable(m.format().version())));
    v.put("runtime", nullable(m.runtime()));
    v.put("metrics", m.metrics());
    v.put("params", m.params());
    v.put("tags", m.tags());
    v.put("registeredBy", m.registeredBy());
    v.put("registeredAt", m.registeredAt());
    List<Object> datasets = new ArrayList<>();
    m.datasets().forEach(d -> datasets.add(ref(d)));
    v.put("datasets", datasets);
    v.put("featureSet", ref(m.featureSet()));
    v.put("thresholdSet", ref(m.thresholdSet()));
    v.put("explanationTemplate", ref(m.explanationTemplate()));
    return v;
  }

  private static Object ref(@Nullable Reference r) {
    return r == null ? NullValue.NULL_VALUE
        : Map.of("name", r.name(), "version", (long) r.version(), "digest", r.digest());
  }

  private static Object nullable(@Nullable Object value) {
    return value == null ? NullValue.NULL_VALUE : value;
  }

  private static Map<String, CelType> variables(Object... pairs) {
    Map<String, CelType> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (CelType) pairs[i + 1]);
    }
    return map;
  }
}
