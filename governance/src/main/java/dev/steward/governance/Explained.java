package dev.steward.governance;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.steward.registry.Reference;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The reasons of a model version's predictions, rendered from its explanation template in the template's locale:
 * {@code reasons} for one prediction, {@code predictions} for a batch. No {@code pii} feature, nor its value, is
 * ever part of it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Explained(String model, int version, Reference template, String locale,
    @Nullable List<Reason> reasons, @Nullable List<PredictionReasons> predictions) {

  /**
   * One reason: the feature, its business label, which way it pushed the prediction ({@code raises} or
   * {@code lowers}), its contribution, and the text for a business reader.
   */
  public record Reason(int rank, String feature, String label, String direction, double contribution, String text) {}

  /** The reasons of one prediction of a batch. */
  public record PredictionReasons(String id, List<Reason> reasons) {}
}
