package dev.steward.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.registry.Feature;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.Reference;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ExplanationsTests {
  private static final List<Feature> FEATURES = List.of(
      new Feature("tenure", "int", null, "Customer tenure", false),
      new Feature("plan", "string", null, "Price plan", false),
      new Feature("support_calls", "int", null, null, false),
      new Feature("email", "string", null, "E-mail address", true));

  private static Explanations.Template template(String locale, int topK, Map<String, String> reasons) {
    Locale l = Locale.forLanguageTag(locale);
    Map<String, ReasonText> texts = new TreeMap<>();
    reasons.forEach((feature, text) -> texts.put(feature, ReasonText.parse(feature, text, l)));
    return new Explanations.Template(new Reference("churn-reasons", 1, "sha256:" + "0".repeat(64)), l, topK, FEATURES,
        texts);
  }

  private static Explanations.Template english(int topK) {
    return template("en", topK, Map.of(
        "tenure", "A tenure of {value} months {direction} the churn risk",
        "plan", "raises: Customers on the {value} plan leave more often || lowers: Customers on the {value} plan stay",
        "support_calls", "{label} {direction} the churn risk"));
  }

  private static Map<String, Object> contributions(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void ranksReasonsByTheSizeOfTheirEffectWhicheverTheDirection() {
    var reasons = english(3).reasons("", contributions("tenure", 0.12, "plan", -0.4, "support_calls", 0.2,
        "email", 0.0), Map.of("tenure", 3, "plan", "basic"), 3);
    assertThat(reasons).extracting(Explained.Reason::feature).containsExactly("plan", "support_calls", "tenure");
    assertThat(reasons).extracting(Explained.Reason::rank).containsExactly(1, 2, 3);
    assertThat(reasons).extracting(Explained.Reason::direction).containsExactly("lowers", "raises", "raises");
    assertThat(reasons.get(0).text()).isEqualTo("Customers on the basic plan stay");
    assertThat(reasons.get(1).text()).isEqualTo("support_calls raises the churn risk");
    assertThat(reasons.get(1).label()).isEqualTo("support_calls");
    assertThat(reasons.get(2).text()).isEqualTo("A tenure of 3 months raises the churn risk");
    assertThat(reasons.get(2).label()).isEqualTo("Customer tenure");
  }

  @Test
  void keepsTheTopKAndLeavesOutFeaturesWithoutEffect() {
    var reasons = english(2).reasons("", contributions("tenure", 0.0, "plan", 0.3, "support_calls", -0.1),
        Map.of("plan", "basic"), 2);
    assertThat(reasons).extracting(Explained.Reason::feature).containsExactly("plan", "support_calls");
    var one = english(2).reasons("", contributions("tenure", 0.5, "plan", 0.3, "support_calls", -0.1),
        Map.of("tenure", 3), 1);
    assertThat(one).extracting(Explained.Reason::feature).containsExactly("tenure");
  }

  @Test
  void breaksTiesInFeatureNameOrder() {
    var reasons = english(3).reasons("", contributions("tenure", -0.25, "support_calls", 0.25, "plan", 0.25),
        Map.of("tenure", 12, "plan", "basic"), 3);
    assertThat(reasons).extracting(Explained.Reason::feature).containsExactly("plan", "support_calls", "tenure");
    var again = english(3).reasons("", contributions("plan", 0.25, "tenure", -0.25, "support_calls", 0.25),
        Map.of("tenure", 12, "plan", "basic"), 3);
    assertThat(again).isEqualTo(reasons);
  }

  @Test
  void rendersInTheTemplatesLocale() {
    var german = template("de-DE", 3, Map.of(
        "tenure", "Eine Kundendauer von {value} Monaten {direction} das Abwanderungsrisiko",
        "plan", "Tarif {value}", "support_calls", "{label} {direction} das Risiko"));
    var reasons = german.reasons("", contributions("tenure", -0.3, "plan", 0.1, "support_calls", 0.2),
        Map.of("tenure", 3.5, "plan", "basic"), 3);
    assertThat(reasons.get(0).text()).isEqualTo("Eine Kundendauer von 3,5 Monaten senkt das Abwanderungsrisiko");
    assertThat(reasons.get(0).direction()).isEqualTo("lowers");
    assertThat(reasons.get(1).text()).isEqualTo("support_calls erhöht das Risiko");

    var englishNumbers = english(1).reasons("", contributions("tenure", 0.3, "plan", 0.1, "support_calls", 0.2),
        Map.of("tenure", 1234.5), 1);
    assertThat(englishNumbers.getFirst().text()).isEqualTo("A tenure of 1,234.5 months raises the churn risk");
  }

  @Test
  void refusesDirectionWordsInALanguageWithoutThemButTakesPerDirectionText() {
    assertThatThrownBy(() -> ReasonText.parse("tenure", "Tenure {direction} risk", Locale.forLanguageTag("fi")))
        .isInstanceOfSatisfying(InvalidRequest.class, e -> {
          assertThat(e.field()).isEqualTo("explanationTemplate.reasons.tenure");
          assertThat(e.unprocessable()).isTrue();
          assertThat(e.getMessage()).contains("no direction words for locale 'fi'", "raises: <text> || lowers: <text>");
        });
    var finnish = template("fi", 1, Map.of("tenure", "raises: Lyhyt asiakkuus nostaa riskiä || lowers: Pitkä "
        + "asiakkuus laskee riskiä", "plan", "Hinnasto", "support_calls", "Tukipuhelut"));
    assertThat(finnish.reasons("", contributions("tenure", -0.5, "plan", 0.1, "support_calls", 0.2), null, 1)
        .getFirst().text()).isEqualTo("Pitkä asiakkuus laskee riskiä");
  }

  @Test
  void refusesMalformedTemplateText() {
    assertThatThrownBy(() -> ReasonText.parse("plan", "The {customer} plan", Locale.ENGLISH))
        .isInstanceOf(InvalidRequest.class).hasMessageContaining("unknown placeholder {customer}");
    assertThatThrownBy(() -> ReasonText.parse("plan", "raises: up || down", Locale.ENGLISH))
        .isInstanceOf(InvalidRequest.class).hasMessageContaining("'down' does not start with 'raises:' or 'lowers:'");
    assertThatThrownBy(() -> ReasonText.parse("plan", "raises: up || raises: again", Locale.ENGLISH))
        .isInstanceOf(InvalidRequest.class).hasMessageContaining("exactly one 'raises:' and one 'lowers:'");
  }

  @Test
  void namesEachBadContributionField() {
    assertThatThrownBy(() -> english(3).reasons("predictions[1].", contributions("tenure", "0.3", "plan", 0.1,
        "support_calls", 0.2, "zip_code", 0.4), null, 3))
        .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.errors()).extracting(InvalidRequest.FieldError::field)
            .containsExactly("predictions[1].contributions.tenure", "predictions[1].contributions.zip_code"))
        .hasMessageContaining("must be a number, not 0.3")
        .hasMessageContaining("is not a feature of the model version's feature set (it has tenure, plan, support_calls)");
    assertThatThrownBy(() -> english(3).reasons("", contributions("tenure", 0.3), null, 3))
        .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.field()).isEqualTo("contributions"))
        .hasMessageContaining("has no contribution for plan, support_calls");
    assertThatThrownBy(() -> english(3).reasons("", contributions("tenure", 0.3, "plan", 0.1, "support_calls", 0.2),
        Map.of("plan", "basic"), 3))
        .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.field()).isEqualTo("values.tenure"))
        .hasMessageContaining("shows its value");
  }

  @Test
  void neverShowsAPiiFeatureHoweverLargeItsContribution() {
    JsonMapper json = JsonMapper.builder().build();
    Random random = new Random(18);
    var template = template("en", 4, Map.of(
        "tenure", "A tenure of {value} months {direction} the churn risk",
        "plan", "{label} {value} {direction} the risk", "support_calls", "{label}: {value}",
        // a template that (against the production gate's rule) also has a reason for the pii feature
        "email", "Your address {value} {direction} the risk"));
    for (int i = 0; i < 500; i++) {
      Map<String, Object> contributions = new HashMap<>();
      contributions.put("tenure", random.nextGaussian());
      contributions.put("plan", random.nextGaussian());
      contributions.put("support_calls", random.nextGaussian());
      // the pii feature's contribution dwarfs the others, or is not even a number
      contributions.put("email", i % 7 == 0 ? "jane.doe@example.com" : 1e6 * (random.nextBoolean() ? 1 : -1));
      Map<String, Object> values = Map.of("tenure", 4, "plan", "basic", "support_calls", 2,
          "email", "jane.doe@example.com");
      String answer = json.writeValueAsString(template.reasons("", contributions, values, 4));
      assertThat(answer).doesNotContain("email", "E-mail", "jane.doe", "address", "1000000");
    }
    // nor in a refusal
    assertThatThrownBy(() -> template.reasons("", contributions("email", 1e6, "zip", 1), Map.of(), 4))
        .isInstanceOf(InvalidRequest.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("email", "E-mail"));
  }
}
