package dev.steward.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.lineage.RecordedChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTests {
  private static final String DIGEST = "sha256:" + "cd".repeat(32);
  @TempDir
  Path dir;
  RegistryHarness h;

  @BeforeEach
  void open() {
    h = new RegistryHarness(dir);
    h.registry.registerModel("alice", new Registrations.NewModel("churn", null, null));
  }

  @AfterEach
  void close() {
    h.close();
  }

  static Registrations.Dataset dataset(String name) {
    return new Registrations.Dataset(name, "s3://lake/" + name, DIGEST, List.of(new Column("tenure", "int")), 10L, null,
        null, Map.of("source", "mlflow"), null);
  }

  static Registrations.NewModelVersion version(List<Ref> datasets) {
    return new Registrations.NewModelVersion("s3://models/churn", new ModelFormat("sklearn", null), null, null,
        Map.of("auc", 0.9), Map.of(), datasets, null, null, null, new MlflowRun("run-1", null), Map.of(), null);
  }

  @Test
  void registersNewDatasetsAndTheModelVersionInOneCommit() {
    h.registry.registerDataset("alice", dataset("existing"));
    String before = h.lineage.head().orElseThrow();

    Registered.Together together = h.registry.registerTogether("alice", "import-mlflow",
        List.of(dataset("train"), dataset("eval")), "churn", version(List.of(new Ref("existing", 1))),
        Map.of("Steward-Mlflow-Run", "run-1"));

    List<RecordedChange> commits = new ArrayList<>();
    h.lineage.changesSince(before, commits::add);
    assertThat(commits).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo("import-mlflow");
      assertThat(c.trailers()).containsEntry("Steward-Mlflow-Run", "run-1");
      assertThat(c.files()).extracting(f -> f.path())
          .containsExactlyInAnyOrder("datasets/train/0-99/1.yaml", "datasets/eval/0-99/1.yaml", "models/churn/versions/0-99/1.yaml");
    });
    assertThat(together.modelVersion().datasets()).extracting(Reference::name).containsExactly("existing", "train", "eval");
    assertThat(together.modelVersion().datasets().get(1).digest()).isEqualTo(together.datasets().getFirst().digest());
    assertThat(h.registry.get(Kind.DATASET, "train", 1, DatasetVersion.class).digest())
        .isEqualTo(together.datasets().getFirst().digest());
    assertThat(h.events).contains(new ModelVersionRegistered(together.modelVersion().id(), together.modelVersion().digest(), "alice"));
  }

  @Test
  void leavesNothingWhenAnyPartIsInvalid() {
    String before = h.lineage.head().orElseThrow();
    assertThatThrownBy(() -> h.registry.registerTogether("alice", "import-mlflow", List.of(dataset("train")), "churn",
        version(List.of(new Ref("missing", 1))), Map.of()))
        .isInstanceOf(UnresolvedReference.class)
        .hasMessageContaining("missing version 1");
    assertThatThrownBy(() -> h.registry.registerTogether("alice", "import-mlflow",
        List.of(dataset("train"), new Registrations.Dataset("Bad", "s3://x/y", DIGEST, null, null, null, null, null, null)),
        "churn", version(List.of()), Map.of()))
        .isInstanceOf(InvalidRequest.class)
        .hasMessageStartingWith("datasets[1].name");
    assertThat(h.lineage.head()).contains(before);
    assertThat(h.registry.digest(Kind.DATASET, "train", 1)).isEmpty();
  }

  @Test
  void numbersVersionsOnFromWhatSingleRegistrationsTook() {
    h.registry.registerDataset("alice", dataset("train"));
    h.registry.registerModelVersion("alice", "churn", version(List.of()));
    Registered.Together t = h.registry.registerTogether("alice", "import-mlflow", List.of(dataset("train")), "churn",
        version(List.of()), Map.of());
    assertThat(t.datasets().getFirst().version()).isEqualTo(2);
    assertThat(t.modelVersion().version()).isEqualTo(2);
    assertThat(h.registry.registerDataset("alice", dataset("train")).version()).isEqualTo(3);
  }

  @Test
  void publishesAliasMovesWithThePreviousVersion() {
    h.registry.registerModelVersion("alice", "churn", version(List.of()));
    h.registry.registerModelVersion("alice", "churn", version(List.of()));
    h.registry.moveAlias("alice", "churn", "champion", 1);
    h.registry.moveAlias("bob", "churn", "champion", 2);
    h.registry.removeAlias("carol", "churn", "champion");
    assertThat(h.events).contains(new AliasMoved("churn", "champion", 1, null, "alice"),
        new AliasMoved("churn", "champion", 2, 1, "bob"), new AliasRemoved("churn", "champion", 2, "carol"));
  }

  @Test
  void listsTheVersionsAnActorRegisteredNewestFirst() {
    h.registry.registerModel("bob", new Registrations.NewModel("fraud", null, null));
    h.registry.registerModelVersion("alice", "churn", version(List.of()));
    h.registry.registerModelVersion("bob", "fraud", version(List.of()));
    h.registry.registerModelVersion("alice", "fraud", version(List.of()));
    h.registry.registerModelVersion("alice", "churn", version(List.of()));

    assertThat(h.registry.versionsRegisteredBy("alice", 10)).extracting(v -> v.name() + "/" + v.version())
        .containsExactly("churn/2", "fraud/2", "churn/1");
    assertThat(h.registry.versionsRegisteredBy("alice", 1)).extracting(ModelVersion::version).containsExactly(2);
    assertThat(h.registry.versionsRegisteredBy("carol", 10)).isEmpty();
    assertThatThrownBy(() -> h.registry.versionsRegisteredBy("alice", 0)).isInstanceOf(InvalidRequest.class);
  }
}
