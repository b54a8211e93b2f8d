package dev.steward.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * A registered, immutable model version: the artifact KServe serves, how it scored, and every upstream
 * reference (datasets, feature set, threshold set, explanation template) pinned by content digest, and
 * the retrain run that produced it when one did ({@code producedBy}).
 */
public record ModelVersion(
    String name,
    int version,
    String artifactUri,
    ModelFormat format,
    @Nullable String runtime,
    @Nullable Signature signature,
    SortedMap<String, Double> metrics,
    SortedMap<String, String> params,
    List<Reference> datasets,
    @Nullable Reference featureSet,
    @Nullable Reference thresholdSet,
    @Nullable Reference explanationTemplate,
    @Nullable MlflowRun mlflowRun,
    @Nullable ProducedBy producedBy,
    SortedMap<String, String> tags,
    @Nullable String description,
    String registeredBy,
    Instant registeredAt,
    @Nullable String digest) implements Registered {

  /** A version that no retrain run produced (the form before {@code producedBy} existed). */
  public ModelVersion(String name, int version, String artifactUri, ModelFormat format, @Nullable String runtime,
      @Nullable Signature signature, SortedMap<String, Double> metrics, SortedMap<String, String> params,
      List<Reference> datasets, @Nullable Reference featureSet, @Nullable Reference thresholdSet,
      @Nullable Reference explanationTemplate, @Nullable MlflowRun mlflowRun, SortedMap<String, String> tags,
      @Nullable String description, String registeredBy, Instant registeredAt, @Nullable String digest) {
    this(name, version, artifactUri, format, runtime, signature, metrics, params, datasets, featureSet, thresholdSet,
        explanationTemplate, mlflowRun, null, tags, description, registeredBy, registeredAt, digest);
  }

  @Override
  @JsonIgnore
  public Kind kind() {
    return Kind.MODEL_VERSION;
  }

  public ModelVersionId id() {
    return new ModelVersionId(name, version);
  }

  @Override
  public ModelVersion withDigest(@Nullable String digest) {
    return new ModelVersion(name, version, artifactUri, format, runtime, signature, metrics, params, datasets,
        featureSet, thresholdSet, explanationTemplate, mlflowRun, producedBy, tags, description, registeredBy,
        registeredAt, digest);
  }

  @Override
  public List<Edge> references() {
    List<Edge> edges = new ArrayList<>();
    datasets.forEach(d -> edges.add(new Edge("dataset", Kind.DATASET, d)));
    if (featureSet != null) {
      edges.add(new Edge("feature-set", Kind.FEATURE_SET, featureSet));
    }
    if (thresholdSet != null) {
      edges.add(new Edge("threshold-set", Kind.THRESHOLD_SET, thresholdSet));
    }
    if (explanationTemplate != null) {
      edges.add(new Edge("explanation-template", Kind.EXPLANATION_TEMPLATE, explanationTemplate));
    }
    return edges;
  }
}
