package dev.steward.governance;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The feature contributions of one prediction ({@code contributions}, for example SHAP values, with the
 * feature values its reasons may show in {@code values}), or of a batch ({@code predictions}, each with an
 * {@code id}); {@code topK} overrides the template's number of reasons. Contributions are JSON numbers; values of
 * a {@code pii} feature are never shown and may be left out.
 */
public record ExplanationRequest(@Nullable Map<String, @Nullable Object> contributions,
    @Nullable Map<String, @Nullable Object> values, @Nullable List<@Nullable PredictionContributions> predictions,
    @Nullable Integer topK) {

  /** One prediction of a batch. */
  public record PredictionContributions(@Nullable String id, @Nullable Map<String, @Nullable Object> contributions,
      @Nullable Map<String, @Nullable Object> values) {}
}
