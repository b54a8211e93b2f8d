package dev.steward.governance;

import dev.steward.lineage.Change;
import dev.steward.lineage.FileChange;
import dev.steward.lineage.Lineage;
import dev.steward.registry.DatasetVersion;
import dev.steward.registry.EntityNotFound;
import dev.steward.registry.FieldErrors;
import dev.steward.registry.InvalidRequest;
import dev.steward.registry.Kind;
import dev.steward.registry.LineageGraph;
import dev.steward.registry.ModelRegistry;
import dev.steward.registry.Names;
import dev.steward.registry.Page;
import dev.steward.registry.Ref;
import dev.steward.registry.Reference;
import dev.steward.registry.UnresolvedReference;
import dev.steward.retrain.RetrainRun;
import dev.steward.retrain.RetrainScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consent revocations of dataset versions. A revocation is one commit of
 * {@code revocations/<dataset>/<version>/<id>.yaml} holding its impact, computed from lineage: derived datasets,
 * feature sets, model versions (marked {@code revoked-input}, which the production gate's rule
 * {@code inputsNotRevoked(revocations)} blocks), deployments serving them (flagged by a metric), and retrain plans
 * fed by the dataset, which are started on the successor version when one is given (a second commit of the same
 * file records that, see {@link #followUp}).
 *
 * <pre>{@code
 * Revocation r = revocations.revoke("priya", "churn-events", 1, new RevocationRequest(
 *     "GDPR erasure request 4411", "subjects", List.of("sha256:9f86..."), new Ref("churn-events", 2)));
 * r.items(ImpactItem.MODEL_VERSION);   // every version trained on churn-events/1, marked revoked-input
 * revocations.report("churn-events", 1, r.id()).commits();   // the proof
 * }</pre>
 */
public class Revocations {
  private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);
  private static final Pattern SUBJECT_HASH = Pattern.compile("sha256:[0-9a-f]{64}");
  /** At most this many subject hashes in one revocation: 10,000 hashes make a file of about 0.8 MB. */
  static final int MAX_SUBJECTS = 10_000;

  private final Lineage lineage;
  private final ModelRegistry registry;
  private final LineageGraph graph;
  private final ImpactAnalysis analysis;
  private final RevocationIndex index;
  private final RetrainScheduler retrain;
  private final Clock clock;
  private final ReentrantLock followUps = new ReentrantLock();

  Revocations(Lineage lineage, ModelRegistry registry, LineageGraph graph, ImpactAnalysis analysis,
      RevocationIndex index, RetrainScheduler retrain, Clock clock) {
    this.lineage = lineage;
    this.registry = registry;
    this.graph = graph;
    this.analysis = analysis;
    this.index = index;
    this.retrain = retrain;
    this.clock = clock;
  }

  /**
   * Revokes consent for a dataset version (or for some subjects in it): one commit holding the impact and what
   * was done about each item. Bad input changes nothing: 400 for a malformed request, 404 for an unknown dataset
   * version, 422 for a successor that is not registered or not derived from it.
   */
  public Revocation revoke(String actor, String dataset, int version, RevocationRequest r) {
    Checked checked = check(dataset, version, r);
    Instant now = Instant.ofEpochMilli(clock.millis());
    List<ImpactItem> impact = analysis.impact(checked.dataset(), checked.successor(), now);
    Revocation revocation = new Revocation(UUID.randomUUID().toString(), reference(checked.dataset()), checked.scope(),
        checked.subjects(), checked.reason(), checked.successor(), actor, now, impact);
    Map<String, String> trailers = new LinkedHashMap<>();
    trailers.put("Steward-Revocation", revocation.id());
    trailers.put("Steward-Dataset", dataset + "/" + version);
    long marked = revocation.items(ImpactItem.MODEL_VERSION).size();
    lineage.record(new Change(actor, RevocationProjection.ACTION_REVOKE, "revocation " + revocation.id(),
        "Revoke consent for dataset " + dataset + "/" + version + " (" + describe(revocation) + "): " + marked
            + " model version(s) marked revoked-input",
        List.of(FileChange.create(revocation.path(), GovernanceDocuments.toYaml(revocation))), trailers));
    LOG.info("{} revoked consent for dataset {}/{} ({}); revocation {} marks {} model version(s) and flags {} "
            + "deployment(s).", actor, dataset, version, describe(revocation), revocation.id(), marked,
        revocation.items(ImpactItem.DEPLOYMENT).size());
    return revocation;
  }

  /** What a revocation of the version would reach now, without recording anything. */
  public List<ImpactItem> impact(String dataset, int version, @Nullable Ref successor) {
    DatasetVersion revoked = dataset(dataset, version);
    Reference s = successor == null ? null : successor(revoked, successor);
    return analysis.impact(revoked, s, Instant.ofEpochMilli(clock.millis()));
  }

  /** The impact report of one revocation of the dataset version: what was done, when, and the commits. */
  public RevocationReport report(String dataset, int version, String id) {
    Names.requireName("name", dataset);
    Names.requireVersion("version", version);
    Revocation r = index.find(id).filter(found -> found.dataset().name().equals(dataset)
            && found.dataset().version() == version)
        .orElseThrow(() -> new EntityNotFound("dataset " + dataset + " version " + version
            + " has no revocation " + id));
    return new RevocationReport(r, index.commits(id), runs(r));
  }

  /** Revocations, newest first; of one dataset version when both are given. */
  public Page<Revocation> revocations(@Nullable String dataset, @Nullable Integer version, int page, int size) {
    if (page < 0) {
      throw new InvalidRequest("page", "must be >= 0");
    }
    if (size < 1 || size > 500) {
      throw new InvalidRequest("size", "must be between 1 and 500");
    }
    if (dataset != null && version != null) {
      dataset(dataset, version);
    }
    return index.list(dataset, version, page, size);
  }

  /**
   * The marks beside a model version: {@code revoked-input} once per revocation of a dataset version it was built
   * from (recorded in the revocation's report, or registered later on the same data).
   */
  public List<Mark> marks(String model, int version) {
    Names.requireName("model", model);
    registry.get(Kind.MODEL_VERSION, model, version, dev.steward.registry.ModelVersion.class);
    return revokedInputs(model, version);
  }

  List<Mark> revokedInputs(String model, int version) {
    if (!index.any()) {
      return List.of();
    }
    Set<String> recorded = new HashSet<>(index.recordedMarks(model, version));
    List<Mark> marks = new ArrayList<>();
    for (Revocation r : revocationsOf(model, version)) {
      marks.add(new Mark(Mark.REVOKED_INPUT, r.id(), r.dataset().ref(), r.reason(), r.revokedBy(), r.revokedAt(),
          recorded.contains(r.id())));
    }
    return marks;
  }

  /**
   * The revocations that reach a model version's inputs, oldest first (for the approval gates): those of a dataset
   * version it was built from, unless it reaches that version only through the revocation's successor (which
   * excludes the revoked data).
   */
  List<Revocation> revocationsOf(String model, int version) {
    if (!index.any()) {
      return List.of();
    }
    List<Ref> upstream = graph.upstreamDatasets(model, version);
    List<Revocation> reaching = new ArrayList<>();
    // revocations of one dataset version usually share their successor: walk the lineage once per successor
    Map<Ref, List<Ref>> behindSuccessor = new java.util.HashMap<>();
    for (Revocation r : index.ofDatasets(upstream)) {
      if (r.successor() == null || behindSuccessor.computeIfAbsent(r.successor().ref(),
          s -> graph.upstreamDatasets(model, version, Set.of(s))).contains(r.dataset().ref())) {
        reaching.add(r);
      }
    }
    return reaching;
  }

  /**
   * The deployments serving a model version with revoked inputs now: the desired version of each deployment and,
   * on a cluster, any version that still takes traffic (the stable side of a canary).
   */
  public List<RevokedInputServing> servingRevokedInputs() {
    if (!index.any()) {
      return List.of();
    }
    List<RevokedInputServing> serving = new ArrayList<>();
    for (ImpactAnalysis.Served s : analysis.served()) {
      List<Revocation> found = revocationsOf(s.model(), s.version());
      if (!found.isEmpty()) {
        serving.add(new RevokedInputServing(s.environment(), s.model(), s.version(),
            found.stream().map(Revocation::id).toList()));
      }
    }
    return serving;
  }

  Revocation revocation(String id) {
    return index.find(id).orElseThrow(() -> new EntityNotFound("revocation " + id + " does not exist"));
  }

  /**
   * Starts the retrain plans a revocation left pending on its successor and records what was done in a second
   * commit of its file. A plan that already ran on the successor (its dataset trigger fired when the successor
   * was registered) is not started again. Safe to repeat: items no longer pending are left alone, and the run
   * is keyed by the revocation's time, so a repeat after a crash finds the same run.
   */
  public Revocation followUp(String id) {
    followUps.lock();
    try {
      Revocation r = revocation(id);
      if (r.successor() == null || r.items(ImpactItem.RETRAIN_PLAN).stream()
          .noneMatch(i -> i.action().equals(ImpactItem.PENDING))) {
        return r;
      }
      Reference successor = r.successor();
      Instant now = Instant.ofEpochMilli(clock.millis());
      List<ImpactItem> items = new ArrayList<>();
      List<String> done = new ArrayList<>();
      for (ImpactItem item : r.impact()) {
        if (!item.kind().equals(ImpactItem.RETRAIN_PLAN) || !item.action().equals(ImpactItem.PENDING)) {
          items.add(item);
          continue;
        }
        ImpactItem updated = retrainOnSuccessor(r, item, successor, now);
        done.add(item.name() + ": " + updated.action());
        items.add(updated);
      }
      Revocation updated = r.withImpact(items);
      lineage.record(new Change(RevocationFollowUpListener.ACTOR, RevocationProjection.ACTION_FOLLOW_UP,
          "revocation " + id, "Retrain on " + successor.name() + "/" + successor.version() + " after revocation "
              + id + ": " + String.join(", ", done),
          List.of(FileChange.put(updated.path(), GovernanceDocuments.toYaml(updated))),
          Map.of("Steward-Revocation", id)));
      LOG.info("Revocation {} started its retrain plans on {}/{}: {}.", id, successor.name(), successor.version(),
          done);
      return updated;
    } finally {
      followUps.unlock();
    }
  }

  private ImpactItem retrainOnSuccessor(Revocation r, ImpactItem item, Reference successor, Instant now) {
    String model = item.name();
    for (RetrainRun run : retrain.runs(model, null, null, 0, 50).items()) {
      Reference on = run.cause().dataset();
      if (on != null && on.name().equals(successor.name()) && on.version() == successor.version()
          && !run.triggeredAt().isBefore(r.revokedAt())) {
        return item.done("already-retrained", "run " + run.id() + " was started on " + successor.name() + "/"
            + successor.version() + " (" + run.state().id() + ")", now);
      }
    }
    for (RetrainRun run : retrain.runs(model, null, null, 0, 50).items()) {
      Reference on = run.cause().dataset();
      if (on != null && on.name().equals(successor.name()) && on.version() == successor.version()) {
        return item.done("already-retrained", "run " + run.id() + " had started on " + successor.name() + "/"
            + successor.version() + " when the successor was registered (" + run.state().id() + ")", now);
      }
    }
    if (!retrain.retrainOn(model, successor, r.revokedAt())) {
      return item.done("not-triggered", "the retrain plan of " + model + " was removed before it could start", now);
    }
    return item.done("triggered", "a run of the plan was started on successor " + successor.name() + "/"
        + successor.version(), now);
  }

  private List<RevocationReport.RetrainRunEntry> runs(Revocation r) {
    Reference successor = r.successor();
    if (successor == null) {
      return List.of();
    }
    List<RevocationReport.RetrainRunEntry> runs = new ArrayList<>();
    for (ImpactItem plan : r.items(ImpactItem.RETRAIN_PLAN)) {
      for (RetrainRun run : retrain.runs(plan.name(), null, null, 0, 50).items()) {
        Reference on = run.cause().dataset();
        if (on != null && on.name().equals(successor.name()) && on.version() == successor.version()) {
          runs.add(new RevocationReport.RetrainRunEntry(run.model(), run.id(), run.state().id(), on,
              run.triggeredAt(), run.producedVersion()));
        }
      }
    }
    return runs;
  }

  // ---- validation ---------------------------------------------------------------------------------

  private record Checked(DatasetVersion dataset, String scope, List<String> subjects, String reason,
      @Nullable Reference successor) {}

  private Checked check(String dataset, int version, RevocationRequest r) {
    FieldErrors errors = new FieldErrors();
    errors.check(() -> Names.requireName("name", dataset));
    errors.check(() -> Names.requireVersion("version", version));
    String reason = errors.check(() -> Names.requireText("reason", r.reason()));
    String scope = r.scope();
    List<String> subjects = Names.orEmpty(r.subjects());
    if (scope == null) {
      errors.add("scope", "is required: 'version' (the whole dataset version) or 'subjects' (with subjects)");
    } else if (scope.equals(Revocation.WHOLE_VERSION)) {
      if (!subjects.isEmpty()) {
        errors.add("subjects", "must be empty for scope 'version', which covers every subject of the version");
      }
    } else if (scope.equals(Revocation.SUBJECTS)) {
      if (subjects.isEmpty()) {
        errors.add("subjects", "must list the sha256 hashes of the subjects' ids for scope 'subjects'");
      } else if (subjects.size() > MAX_SUBJECTS) {
        errors.add("subjects", "lists " + subjects.size() + " hashes; at most " + MAX_SUBJECTS
            + " in one revocation (split it, or revoke the whole version)");
      } else {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < subjects.size(); i++) {
          String s = subjects.get(i);
          if (s == null || !SUBJECT_HASH.matcher(s).matches()) {
            errors.add("subjects[" + i + "]", "must be 'sha256:' and 64 lowercase hex digits, the hash of a subject's "
                + "id (never the id itself: the revocation is committed to the registry repository)");
          } else if (!seen.add(s)) {
            errors.add("subjects[" + i + "]", "lists " + s + " twice");
          }
        }
      }
    } else {
      errors.add("scope", "'" + Names.abbreviate(scope) + "' is not 'version' or 'subjects'");
    }
    if (r.successor() != null) {
      errors.check(() -> Names.requireRef("successor", r.successor()));
    }
    errors.throwIfAny();
    DatasetVersion revoked = dataset(dataset, version);
    Reference successor = r.successor() == null ? null : successor(revoked, r.successor());
    return new Checked(revoked, scope, List.copyOf(subjects), reason, successor);
  }

  private DatasetVersion dataset(String name, int version) {
    Names.requireName("name", name);
    Names.requireVersion("version", version);
    try {
      return registry.get(Kind.DATASET, name, version, DatasetVersion.class);
    } catch (EntityNotFound e) {
      throw e.at(registry.digest(Kind.DATASET, name, 1).isPresent() ? "version" : "name");
    }
  }

  private Reference successor(DatasetVersion revoked, Ref successor) {
    String digest = registry.digest(Kind.DATASET, successor.name(), successor.version())
        .orElseThrow(() -> new UnresolvedReference("successor", Kind.DATASET, successor));
    Ref revokedRef = new Ref(revoked.name(), revoked.version());
    if (successor.equals(revokedRef)) {
      throw new InvalidRequest("successor", "is the revoked version itself; name the version that replaces it", true);
    }
    if (!graph.derivedFrom(successor, revokedRef)) {
      throw new InvalidRequest("successor", "dataset " + successor + " does not descend from " + revokedRef
          + ": register the successor with parents [" + revokedRef + "] (the version it was derived from by "
          + "removing the revoked data)", true);
    }
    return new Reference(successor.name(), successor.version(), digest);
  }

  private static Reference reference(DatasetVersion d) {
    return new Reference(d.name(), d.version(), String.valueOf(d.digest()));
  }

  private static String describe(Revocation r) {
    return r.scope().equals(Revocation.SUBJECTS) ? r.subjects().size() + " subject(s)" : "the whole version";
  }
}
