package dev.steward.governance;

import dev.steward.registry.EntityNotFound;
import dev.steward.registry.ExplanationTemplateVersion;
import dev.steward.registry.Feature;
import dev.steward.registry.FeatureSetVersion;
import dev.steward.registry.FieldErrors;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.Kind;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.ModelVersion;
import dev.steward.registry.Names;
import dev.steward.registry.Reference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Explains predictions in business language: the top-k feature contributions of a prediction (largest effect
 * first; ties in feature-name order; a zero contribution explains nothing), each rendered from the model
 * version's explanation template in its locale. A feature flagged {@code pii} is never named, ranked or shown,
 * nor its value, however large its contribution. Nothing is recorded.
 *
 * <pre>{@code
 * Explained e = explanations.explain("churn", 3, new ExplanationRequest(
 *     Map.of("tenure", 0.31, "plan", -0.12, "email", 0.9), Map.of("tenure", 3), null, null));
 * e.reasons().getFirst().text();   // "A tenure of 3 months raises the churn risk"; email never appears
 * }</pre>
 */
public class Explanations {
  /** At most this many predictions in one batch. */
  static final int MAX_BATCH = 1_000;

  private final ModelRegistry registry;

  Explanations(ModelRegistry registry) {
    this.registry = registry;
  }

  public Explained explain(String model, int version, ExplanationRequest r) {
    Names.requireName("name", model);
    Names.requireVersion("version", version);
    Template template = template(model, version);
    if ((r.contributions() == null) == (r.predictions() == null)) {
      throw new InvalidRequest(r.contributions() == null ? "contributions" : "predictions", "send either "
          + "'contributions' (one prediction) or 'predictions' (a batch of {id, contributions, values}), not "
          + (r.contributions() == null ? "neither" : "both"));
    }
    int topK = template.topK();
    if (r.topK() != null) {
      if (r.topK() < 1 || r.topK() > 100) {
        throw new InvalidRequest("topK", "must be between 1 and 100, not " + r.topK());
      }
      topK = r.topK();
    }
    if (r.contributions() != null) {
      List<Explained.Reason> reasons = template.reasons("", r.contributions(), r.values(), topK);
      return new Explained(model, version, template.reference(), template.locale().toLanguageTag(), reasons, null);
    }
    List<ExplanationRequest.@Nullable PredictionContributions> batch = r.predictions();
    if (batch.isEmpty() || batch.size() > MAX_BATCH) {
      throw new InvalidRequest("predictions", "holds " + batch.size() + " predictions; send 1 to " + MAX_BATCH);
    }
    FieldErrors errors = new FieldErrors();
    List<Explained.PredictionReasons> predictions = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      String at = "predictions[" + i + "].";
      ExplanationRequest.PredictionContributions p = batch.get(i);
      if (p == null || p.contributions() == null) {
        errors.add(at + "contributions", "is required: the contribution of each feature to this prediction");
        continue;
      }
      String id = p.id() == null || p.id().isBlank() ? String.valueOf(i) : p.id();
      int k = topK;
      List<Explained.Reason> reasons = errors.check(() -> template.reasons(at, p.contributions(), p.values(), k));
      if (reasons != null) {
        predictions.add(new Explained.PredictionReasons(id, reasons));
      }
    }
    errors.throwIfAny();
    return new Explained(model, version, template.reference(), template.locale().toLanguageTag(), null, predictions);
  }

  private Template template(String model, int version) {
    ModelVersion v;
    try {
      v = registry.get(Kind.MODEL_VERSION, model, version, ModelVersion.class);
    } catch (EntityNotFound e) {
      throw e.at("version");
    }
    if (v.explanationTemplate() == null) {
      throw new InvalidRequest("explanationTemplate", "model version " + model + "/" + version + " has no "
          + "explanation template; register a new version that names one", true);
    }
    if (v.featureSet() == null) {
      throw new InvalidRequest("featureSet", "model version " + model + "/" + version + " has no feature set, so "
          + "Steward cannot tell which features are personal data; register a new version that names one", true);
    }
    Reference ref = v.explanationTemplate();
    ExplanationTemplateVersion t = registry.get(Kind.EXPLANATION_TEMPLATE, ref.name(), ref.version(),
        ExplanationTemplateVersion.class);
    FeatureSetVersion features = registry.get(Kind.FEATURE_SET, v.featureSet().name(), v.featureSet().version(),
        FeatureSetVersion.class);
    if (!t.featureSet().name().equals(features.name()) || t.featureSet().version() != features.version()) {
      throw new InvalidRequest("explanationTemplate", "template " + t.name() + "/" + t.version() + " explains "
          + "feature set " + t.featureSet().name() + "/" + t.featureSet().version() + ", but the version uses "
          + features.name() + "/" + features.version() + "; register a template for that feature set", true);
    }
    Locale locale = Locale.forLanguageTag(t.locale());
    Map<String, ReasonText> texts = new TreeMap<>();
    List<String> uncovered = new ArrayList<>();
    for (Feature f : features.features()) {
      String reason = t.reasons().get(f.name());
      if (f.pii()) {
        continue;
      }
      if (reason == null) {
        uncovered.add(f.name());
      } else {
        texts.put(f.name(), ReasonText.parse(f.name(), reason, locale));
      }
    }
    if (!uncovered.isEmpty()) {
      throw new InvalidRequest("explanationTemplate", "template " + t.name() + "/" + t.version() + " gives no reason "
          + "for " + String.join(", ", uncovered) + " of feature set " + features.name() + "/" + features.version()
          + "; register a template that covers every non-pii feature", true);
    }
    return new Template(new Reference(t.name(), t.version(), String.valueOf(t.digest())), locale, t.topK(),
        features.features(), texts);
  }

  /** A template ready to render: its parsed reasons by feature, and the features with their pii flags. */
  record Template(Reference reference, Locale locale, int topK, List<Feature> features,
      Map<String, ReasonText> texts) {

    /**
     * The top {@code k} reasons of one prediction. Every non-pii feature needs a contribution; a contribution of
     * a feature the feature set does not have is refused; a pii feature's contribution is accepted and dropped.
     */
    List<Explained.Reason> reasons(String at, Map<String, @Nullable Object> contributions,
        @Nullable Map<String, @Nullable Object> values, int k) {
      FieldErrors errors = new FieldErrors();
      Map<String, Feature> byName = new LinkedHashMap<>();
      features.forEach(f -> byName.put(f.name(), f));
      List<String> shown = features.stream().filter(f -> !f.pii()).map(Feature::name).toList();
      Map<String, Double> effects = new TreeMap<>();
      for (Map.Entry<String, @Nullable Object> c : contributions.entrySet()) {
        Feature f = byName.get(c.getKey());
        if (f == null) {
          errors.add(at + "contributions." + Names.abbreviate(c.getKey()), "is not a feature of the model version's "
              + "feature set (it has " + String.join(", ", shown) + ")");
        } else if (f.pii()) {
          continue; // dropped unread: a pii feature is never named in an answer, not even in an error
        } else if (!(c.getValue() instanceof Number n) || !Double.isFinite(n.doubleValue())) {
          errors.add(at + "contributions." + c.getKey(), "must be a number, not "
              + (c.getValue() == null ? "null" : Names.abbreviate(String.valueOf(c.getValue()))));
        } else {
          effects.put(f.name(), n.doubleValue());
        }
      }
      List<String> missing = byName.values().stream().filter(f -> !f.pii() && !contributions.containsKey(f.name()))
          .map(Feature::name).toList();
      if (!missing.isEmpty()) {
        errors.add(at + "contributions", "has no contribution for " + String.join(", ", missing)
            + "; send one for every non-pii feature (0 when it had no effect)");
      }
      if (values != null) {
        for (String name : values.keySet()) {
          if (!byName.containsKey(name)) {
            errors.add(at + "values." + Names.abbreviate(name), "is not a feature of the model version's feature set");
          }
        }
      }
      errors.throwIfAny();
      List<Map.Entry<String, Double>> ranked = effects.entrySet().stream().filter(e -> e.getValue() != 0)
          .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue()))
              .thenComparing(Map.Entry::getKey))
          .limit(k).toList();
      List<Explained.Reason> reasons = new ArrayList<>();
      for (Map.Entry<String, Double> e : ranked) {
        Feature f = byName.get(e.getKey());
        ReasonText.Direction direction = ReasonText.Direction.of(e.getValue());
        String label = f.businessLabel() == null || f.businessLabel().isBlank() ? f.name() : f.businessLabel();
        Object value = values == null ? null : values.get(f.name());
        String text;
        try {
          text = texts.get(f.name()).render(direction, label, value, locale);
        } catch (InvalidRequest missingValue) {
          throw new InvalidRequest(at + missingValue.field(), missingValue.errors().getFirst().detail());
        }
        reasons.add(new Explained.Reason(reasons.size() + 1, f.name(), label, direction.id(), e.getValue(), text));
      }
      return reasons;
    }
  }
}
