package dev.steward.policies;

import dev.cel.common.values.NullValue;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The built-in helpers that make common gates one line of CEL. Each takes values of the promotion context
 * and answers a {@link Check} (or a count) with an explanation; a helper that cannot judge (a missing
 * threshold set, a malformed argument) throws {@link HelperError}, which fails the rule closed.
 *
 * <pre>
 * reviewerApprovals(approvals) >= 2                 approvals from role reviewer
 * approvalsFrom(approvals, "oncall") >= 1           approvals from any role
 * fourEyes(approvals, requester, model)             neither the requester nor the author approved
 * metricsMeetThresholds(model, thresholds)          every min_/max_ bound of the threshold set holds
 * explanationComplete(explanation, features)        a reason for every feature, none for a pii feature
 * soakedFor(previous, "24h")                        ran that long in the previous environment
 * outsideFreeze(now, "2026-12-20T00:00:00Z", "2027-01-04T00:00:00Z")
 * inputsNotRevoked(revocations)                     no dataset the version was built from had its consent revoked
 * costWithin(cost, thresholds)                      serving cost per 1,000 predictions within max_cost_per_1k_predictions
 * </pre>
 */
public final class RuleHelpers {
  static final String MAX_COST = "max_cost_per_1k_predictions";
  private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]+)(s|m|h|d)");

  private RuleHelpers() {}

  /** What a helper found: whether the gate holds, and why, in words for the reviewer. */
  public record Check(boolean passed, String explanation) {}

  /** A count with its explanation, for example the approvals from one role. */
  public record Count(long count, String explanation) {}

  /** A helper could not judge its arguments; the rule errors and fails closed. */
  public static final class HelperError extends IllegalArgumentException {
    public HelperError(String message) {
      super(message);
    }
  }

  /** Counts distinct approvers holding {@code role}; names them in the check's explanation. */
  public static Count approvalsFrom(@Nullable Object approvals, String role) {
    Set<String> approvers = new LinkedHashSet<>();
    for (Object a : list("approvals", approvals)) {
      Map<?, ?> approval = map("approval", a);
      if (list("approval roles", approval.get("roles")).contains(role)) {
        approvers.add(text("approval reviewer", approval.get("reviewer")));
      }
    }
    String who = approvers.isEmpty() ? "none" : String.join(", ", approvers);
    return new Count(approvers.size(), approvers.size() + " approval(s) from role " + role + " (" + who + ")");
  }

  /** Four eyes: no approval comes from the requester or from whoever registered the model version. */
  public static Check fourEyes(@Nullable Object approvals, @Nullable Object requester, @Nullable Object model) {
    String asker = text("requester", requester);
    String author = text("model.registeredBy", map("model", model).get("registeredBy"));
    List<String> violations = new ArrayList<>();
    for (Object a : list("approvals", approvals)) {
      String reviewer = text("approval reviewer", map("approval", a).get("reviewer"));
      if (reviewer.equals(asker)) {
        violations.add(reviewer + " requested the promotion and approved it");
      } else if (reviewer.equals(author)) {
        violations.add(reviewer + " registered the model version and approved it");
      }
    }
    return violations.isEmpty()
        ? new Check(true, "no approval by the requester (" + asker + ") or the author (" + author + ")")
        : new Check(false, String.join("; ", violations));
  }

  /**
   * Every {@code min_<metric>} and {@code max_<metric>} of the threshold set holds for the model version's
   * metrics; a metric the version lacks fails the bound.
   */
  public static Check metricsMeetThresholds(@Nullable Object model, @Nullable Object thresholds) {
    Map<?, ?> version = map("model", model);
    if (absent(thresholds)) {
      throw new HelperError("model version " + version.get("name") + "/" + version.get("version")
          + " has no threshold set to check its metrics against");
    }
    Map<?, ?> bounds = map("thresholds", thresholds);
    Map<?, ?> metrics = absent(version.get("metrics")) ? Map.of() : map("model.metrics", version.get("metrics"));
    List<String> misses = new ArrayList<>();
    List<String> meets = new ArrayList<>();
    for (Object key : new TreeSet<>(bounds.keySet().stream().map(String::valueOf).toList())) {
      String name = (String) key;
      boolean min = name.startsWith("min_");
      if (!min && !name.startsWith("max_")) {
        continue;
      }
      if (name.equals(MAX_COST)) {
        continue; // bounds what serving costs, not a metric of the version: costWithin(cost, thresholds)
      }
      String metric = name.substring(4);
      double bound = number("thresholds." + name, bounds.get(name));
      Object value = metrics.get(metric);
      if (absent(value)) {
        misses.add("metric " + metric + " is missing (" + name + " " + bound + ")");
        continue;
      }
      double v = number("model.metrics." + metric, value);
      boolean ok = min ? v >= bound : v <= bound;
      String line = metric + " " + v + (min ? (ok ? " >= " : " < ") : (ok ? " <= " : " > ")) + name + " " + bound;
      (ok ? meets : misses).add(line);
    }
    if (!misses.isEmpty()) {
      return new Check(false, String.join("; ", misses));
    }
    return new Check(true, meets.isEmpty() ? "the threshold set bounds no metric" : String.join("; ", meets));
  }

  /**
   * The explanation template gives a reason for every feature of the feature set that is not personal data,
   * and no reason for a {@code pii} feature (a reason would expose it to the people the model scores).
   */
  public static Check explanationComplete(@Nullable Object explanation, @Nullable Object features) {
    if (absent(explanation)) {
      throw new HelperError("the model version has no explanation template");
    }
    if (absent(features)) {
      throw new HelperError("the model version has no feature set to check the explanation template against");
    }
    Map<?, ?> reasons = map("explanation.reasons", map("explanation", explanation).get("reasons"));
    List<String> missing = new ArrayList<>();
    List<String> exposed = new ArrayList<>();
    int covered = 0;
    for (Object f : list("features", features)) {
      Map<?, ?> feature = map("feature", f);
      String name = text("feature name", feature.get("name"));
      boolean pii = Boolean.TRUE.equals(feature.get("pii"));
      boolean explained = reasons.containsKey(name);
      if (pii && explained) {
        exposed.add(name);
      } else if (!pii && !explained) {
        missing.add(name);
      } else if (!pii) {
        covered++;
      }
    }
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add("no reason text for feature(s) " + String.join(", ", missing));
    }
    if (!exposed.isEmpty()) {
      problems.add("reason text for pii feature(s) " + String.join(", ", exposed));
    }
    return problems.isEmpty()
        ? new Check(true, "reasons for all " + covered + " non-pii feature(s), none for pii features")
        : new Check(false, String.join("; ", problems));
  }

  /**
   * No consent revocation reaches the version's inputs: {@code revocations} (the context variable) is empty.
   * Otherwise each revocation is named with its dataset version and reason, and the way out: a version trained
   * on the successor dataset.
   */
  public static Check inputsNotRevoked(@Nullable Object revocations) {
    List<?> found = absent(revocations) ? List.of() : list("revocations", revocations);
    if (found.isEmpty()) {
      return new Check(true, "no dataset the version was built from has a consent revocation");
    }
    List<String> lines = new ArrayList<>();
    for (Object r : found) {
      Map<?, ?> revocation = map("revocation", r);
      Map<?, ?> dataset = map("revocation dataset", revocation.get("dataset"));
      String line = "dataset " + dataset.get("name") + "/" + dataset.get("version") + " was revoked (revocation "
          + revocation.get("id") + ", " + revocation.get("reason") + ")";
      Object successor = revocation.get("successor");
      if (successor instanceof Map<?, ?> s) {
        line += "; train on its successor " + s.get("name") + "/" + s.get("version");
      }
      lines.add(line);
    }
    return new Check(false, "inputs of the version are revoked (revoked-input): " + String.join("; ", lines));
  }

  /**
   * Serving the version cost at most the threshold set's {@code max_cost_per_1k_predictions} per 1,000 predictions
   * in the previous environment's last closed drift window ({@code cost}, the context variable). Passes when the
   * threshold set has no such bound; fails when it has one and no cost was measured yet (the version served no
   * counted traffic in a priced environment).
   */
  public static Check costWithin(@Nullable Object cost, @Nullable Object thresholds) {
    Object bound = absent(thresholds) ? null : map("thresholds", thresholds).get(MAX_COST);
    if (absent(bound)) {
      return new Check(true, "the threshold set bounds no serving cost (" + MAX_COST + ")");
    }
    double max = number("thresholds." + MAX_COST, bound);
    if (absent(cost)) {
      return new Check(false, "no serving cost of the version is known yet: it must serve counted traffic in a "
          + "priced environment before " + MAX_COST + " " + max + " can be checked");
    }
    Map<?, ?> c = map("cost", cost);
    Object per1k = c.get("costPer1kPredictions");
    if (absent(per1k)) {
      return new Check(false, "the version served no counted predictions in " + c.get("environment")
          + " in its last drift window, so its cost per 1,000 predictions is unknown");
    }
    double v = number("cost.costPer1kPredictions", per1k);
    String currency = absent(c.get("currency")) ? "" : " " + c.get("currency");
    String line = "cost per 1,000 predictions in " + c.get("environment") + " " + v + currency
        + (v <= max ? " <= " : " > ") + MAX_COST + " " + max;
    return new Check(v <= max, line);
  }

  /** The version ran at least {@code minimum} ({@code 90m}, {@code 24h}, {@code 7d}, or ISO {@code PT24H}) in the previous environment. */
  public static Check soakedFor(@Nullable Object previous, String minimum) {
    Duration wanted = duration(minimum);
    if (absent(previous)) {
      throw new HelperError("the target environment is the first of the ladder: there is no previous environment");
    }
    Map<?, ?> p = map("previous", previous);
    String env = text("previous.environment", p.get("environment"));
    if (!Boolean.TRUE.equals(p.get("deployed"))) {
      return new Check(false, "the version was never deployed in " + env);
    }
    long seconds = (long) number("previous.soakSeconds", p.get("soakSeconds"));
    Duration soaked = Duration.ofSeconds(seconds);
    boolean ok = soaked.compareTo(wanted) >= 0;
    return new Check(ok, "ran " + human(soaked) + " in " + env + (ok ? ", at least " : ", less than ") + human(wanted));
  }

  /** {@code now} lies outside the change freeze {@code [start, end)}, both ISO-8601 instants. */
  public static Check outsideFreeze(@Nullable Object now, String start, String end) {
    Instant at = instant("now", now);
    Instant from = instant("freeze start", start);
    Instant to = instant("freeze end", end);
    if (!from.isBefore(to)) {
      throw new HelperError("the freeze window " + start + " .. " + end + " ends before it starts");
    }
    boolean frozen = !at.isBefore(from) && at.isBefore(to);
    return new Check(!frozen, (frozen ? "inside" : "outside") + " the change freeze " + from + " .. " + to);
  }

  static Duration duration(String text) {
    Matcher m = SHORT_DURATION.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new HelperError("'" + text + "' is not a duration such as 90m, 24h, 7d or PT24H");
    }
  }

  static boolean absent(@Nullable Object value) {
    return value == null || value instanceof NullValue;
  }

  private static String human(Duration d) {
    if (d.toDays() >= 1 && d.toHoursPart() == 0 && d.toMinutesPart() == 0) {
      return d.toDays() + "d";
    }
    return d.toHours() > 0 ? d.toHours() + "h" + (d.toMinutesPart() > 0 ? d.toMinutesPart() + "m" : "")
        : d.toMinutes() > 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
  }

  private static Instant instant(String what, @Nullable Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof com.google.protobuf.Timestamp t) {
      return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
    if (value instanceof String s) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e) {
        throw new HelperError(what + " '" + s + "' is not an ISO-8601 instant such as 2026-12-20T00:00:00Z");
      }
    }
    throw new HelperError(what + " must be a timestamp, not " + describe(value));
  }

  private static Map<?, ?> map(String what, @Nullable Object value) {
    if (value instanceof Map<?, ?> m) {
      return m;
    }
    throw new HelperError(what + " must be a map, not " + describe(value));
  }

  private static List<?> list(String what, @Nullable Object value) {
    if (value instanceof List<?> l) {
      return l;
    }
    throw new HelperError(what + " must be a list, not " + describe(value));
  }

  private static String text(String what, @Nullable Object value) {
    if (value instanceof String s) {
      return s;
    }
    throw new HelperError(what + " must be a string, not " + describe(value));
  }

  private static double number(String what, @Nullable Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw new HelperError(what + " must be a number, not " + describe(value));
  }

  private static String describe(@Nullable Object value) {
    return absent(value) ? "null" : value.getClass().getSimpleName() + " " + value;
  }
}
