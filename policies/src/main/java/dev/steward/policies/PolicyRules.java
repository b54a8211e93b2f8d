package dev.steward.policies;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Compiles policy rules to CEL programs and evaluates them against a promotion context. The variables
 * are those of {@link PromotionContext}; the functions are the {@link RuleHelpers}. Compiling checks
 * every rule, so a policy with an error is refused at registration; at evaluation a rule that errors
 * fails closed with the error as its explanation.
 */
public final class PolicyRules {
  private static final ThreadLocal<List<String>> NOTES = ThreadLocal.withInitial(ArrayList::new);
  private static final Cel CEL = build();

  private PolicyRules() {}

  /** A rule that does not compile: which one, where and why. */
  public record CompileError(int rule, String ruleId, int line, int column, String message) {}

  /**
   * The context variables that never change for a given promotion: the candidate version and what it
   * references are immutable, and the requester and the target environment are fixed at the request.
   */
  static final Set<String> FIXED_VARIABLES = Set.of("model", "thresholds", "features", "explanation", "requester",
      "environment");

  /** A policy whose every rule compiled. */
  public static final class Compiled {
    private final Policy policy;
    private final List<CelRuntime.Program> programs;
    private final List<Set<String>> variables;

    private Compiled(Policy policy, List<CelRuntime.Program> programs, List<Set<String>> variables) {
      this.policy = policy;
      this.programs = programs;
      this.variables = variables;
    }

    public Policy policy() {
      return policy;
    }

    /**
     * Whether the rule's outcome is settled for a promotion: it reads only variables that never change for
     * it ({@link #FIXED_VARIABLES}), so once false (or in error, such as a helper finding no explanation
     * template) it stays so. A rule over approvals, drift, time or
     * the deployed version can still change its mind.
     */
    public boolean settled(String ruleId) {
      for (int i = 0; i < programs.size(); i++) {
        if (policy.rules().get(i).id().equals(ruleId)) {
          return FIXED_VARIABLES.containsAll(variables.get(i));
        }
      }
      return false;
    }

    /** Evaluates every rule against the context (see {@link PromotionContext#variables()}). */
    public List<RuleResult> evaluate(Map<String, ?> variables) {
      List<RuleResult> results = new ArrayList<>(programs.size());
      for (int i = 0; i < programs.size(); i++) {
        Rule rule = policy.rules().get(i);
        results.add(evaluate(rule, programs.get(i), variables));
      }
      return results;
    }

    private static RuleResult evaluate(Rule rule, CelRuntime.Program program, Map<String, ?> variables) {
      List<String> notes = NOTES.get();
      notes.clear();
      try {
        Object value = program.eval(variables);
        String why = String.join("; ", notes);
        if (!(value instanceof Boolean b)) {
          return result(rule, RuleResult.Outcome.ERROR, "the expression gave " + value + ", not true or false");
        }
        if (b) {
          return result(rule, RuleResult.Outcome.PASS, why.isEmpty() ? "passed" : why);
        }
        return result(rule, RuleResult.Outcome.FAIL, why.isEmpty() ? "false: " + rule.expression()
            : why + " (false: " + rule.expression() + ")");
      } catch (CelEvaluationException | RuntimeException e) {
        return result(rule, RuleResult.Outcome.ERROR, errorText(e));
      } finally {
        notes.clear();
      }
    }

    private static RuleResult result(Rule rule, RuleResult.Outcome outcome, String explanation) {
      return new RuleResult(rule.id(), rule.description(), rule.severity(), outcome, explanation);
    }
  }

  /** Compiles every rule, or answers the errors of those that do not compile. */
  public static List<CompileError> check(List<Rule> rules) {
    List<CompileError> errors = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      CelValidationResult r = CEL.compile(rules.get(i).expression());
      if (r.hasError()) {
        CelIssue issue = r.getErrors().getFirst();
        errors.add(new CompileError(i, rules.get(i).id(), issue.getSourceLocation().getLine(),
            issue.getSourceLocation().getColumn() + 1, issue.getMessage()));
      }
    }
    return errors;
  }

  /** Compiles a policy whose rules were checked; throws if one does not compile after all. */
  public static Compiled compile(Policy policy) {
    List<CelRuntime.Program> programs = new ArrayList<>();
    List<Set<String>> variables = new ArrayList<>();
    for (Rule rule : policy.rules()) {
      try {
        CelAbstractSyntaxTree ast = CEL.compile(rule.expression()).getAst();
        programs.add(CEL.createProgram(ast));
        variables.add(variables(ast));
      } catch (CelValidationException | CelEvaluationException e) {
        throw new IllegalStateException("Rule " + rule.id() + " of policy " + policy.name() + " version "
            + policy.version() + " does not compile: " + e.getMessage(), e);
      }
    }
    return new Compiled(policy, List.copyOf(programs), List.copyOf(variables));
  }

  /** The context variables a checked expression reads (its references that name no function). */
  static Set<String> variables(CelAbstractSyntaxTree ast) {
    Set<String> names = new TreeSet<>();
    ast.getReferenceMap().values().forEach(r -> {
      if (r.overloadIds().isEmpty() && r.value().isEmpty() && PromotionContext.VARIABLES.containsKey(r.name())) {
        names.add(r.name());
      }
    });
    return names;
  }

  private static String errorText(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (t instanceof RuleHelpers.HelperError) {
      return "error: " + message;
    }
    return "error: " + (e.getMessage() == null ? message : e.getMessage());
  }

  private static Object note(Supplier<RuleHelpers.Check> check) {
    RuleHelpers.Check c = check.get();
    NOTES.get().add(c.explanation());
    return c.passed();
  }

  private static Object noteCount(Supplier<RuleHelpers.Count> count) {
    RuleHelpers.Count c = count.get();
    NOTES.get().add(c.explanation());
    return c.count();
  }

  private static @Nullable Object arg(Object[] args, int i) {
    return args[i];
  }

  private static Cel build() {
    var dyn = SimpleType.DYN;
    var string = SimpleType.STRING;
    var bool = SimpleType.BOOL;
    List<CelFunctionDecl> functions = List.of(
        CelFunctionDecl.newFunctionDeclaration("reviewerApprovals",
            CelOverloadDecl.newGlobalOverload("reviewerApprovals_dyn", SimpleType.INT, dyn)),
        CelFunctionDecl.newFunctionDeclaration("approvalsFrom",
            CelOverloadDecl.newGlobalOverload("approvalsFrom_dyn_string", SimpleType.INT, dyn, string)),
        CelFunctionDecl.newFunctionDeclaration("fourEyes",
            CelOverloadDecl.newGlobalOverload("fourEyes_dyn_dyn_dyn", bool, dyn, dyn, dyn)),
        CelFunctionDecl.newFunctionDeclaration("metricsMeetThresholds",
            CelOverloadDecl.newGlobalOverload("metricsMeetThresholds_dyn_dyn", bool, dyn, dyn)),
        CelFunctionDecl.newFunctionDeclaration("explanationComplete",
            CelOverloadDecl.newGlobalOverload("explanationComplete_dyn_dyn", bool, dyn, dyn)),
        CelFunctionDecl.newFunctionDeclaration("soakedFor",
            CelOverloadDecl.newGlobalOverload("soakedFor_dyn_string", bool, dyn, string)),
        CelFunctionDecl.newFunctionDeclaration("inputsNotRevoked",
            CelOverloadDecl.newGlobalOverload("inputsNotRevoked_dyn", bool, dyn)),
        CelFunctionDecl.newFunctionDeclaration("costWithin",
            CelOverloadDecl.newGlobalOverload("costWithin_dyn_dyn", bool, dyn, dyn)),
        CelFunctionDecl.newFunctionDeclaration("outsideFreeze",
            CelOverloadDecl.newGlobalOverload("outsideFreeze_timestamp_string_string", bool, SimpleType.TIMESTAMP,
                string, string)));
    List<CelFunctionBinding> bindings = List.of(
        CelFunctionBinding.from("reviewerApprovals_dyn", List.of(Object.class),
            args -> noteCount(() -> RuleHelpers.approvalsFrom(arg(args, 0), "reviewer"))),
        CelFunctionBinding.from("approvalsFrom_dyn_string", List.of(Object.class, String.class),
            args -> noteCount(() -> RuleHelpers.approvalsFrom(arg(args, 0), (String) args[1]))),
        CelFunctionBinding.from("fourEyes_dyn_dyn_dyn", List.of(Object.class, Object.class, Object.class),
            args -> note(() -> RuleHelpers.fourEyes(arg(args, 0), arg(args, 1), arg(args, 2)))),
        CelFunctionBinding.from("metricsMeetThresholds_dyn_dyn", List.of(Object.class, Object.class),
            args -> note(() -> RuleHelpers.metricsMeetThresholds(arg(args, 0), arg(args, 1)))),
        CelFunctionBinding.from("explanationComplete_dyn_dyn", List.of(Object.class, Object.class),
            args -> note(() -> RuleHelpers.explanationComplete(arg(args, 0), arg(args, 1)))),
        CelFunctionBinding.from("soakedFor_dyn_string", List.of(Object.class, String.class),
            args -> note(() -> RuleHelpers.soakedFor(arg(args, 0), (String) args[1]))),
        CelFunctionBinding.from("inputsNotRevoked_dyn", List.of(Object.class),
            args -> note(() -> RuleHelpers.inputsNotRevoked(arg(args, 0)))),
        CelFunctionBinding.from("costWithin_dyn_dyn", List.of(Object.class, Object.class),
            args -> note(() -> RuleHelpers.costWithin(arg(args, 0), arg(args, 1)))),
        CelFunctionBinding.from("outsideFreeze_timestamp_string_string", List.of(Object.class, String.class,
            String.class), args -> note(() -> RuleHelpers.outsideFreeze(arg(args, 0), (String) args[1],
                (String) args[2]))));
    var builder = CelFactory.standardCelBuilder()
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
        .addFunctionDeclarations(functions)
        .addFunctionBindings(bindings);
    PromotionContext.VARIABLES.forEach(builder::addVar);
    return builder.build();
  }
}
