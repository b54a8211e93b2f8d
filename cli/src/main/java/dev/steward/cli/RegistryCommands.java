package dev.steward.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Datasets, feature sets, threshold sets and explanation templates: register, list, show. */
final class RegistryCommands {
  static final String[] VERSION_COLUMNS = {"name", "version", "digest", "registeredBy", "registeredAt"};

  private RegistryCommands() {}

  /** Lists the latest version of each name of a collection. */
  abstract static class ListLatest extends ApiCommand {
    @Option(names = "--prefix", description = "only names that start with this")
    @Nullable String prefix;

    @Option(names = "--tag", paramLabel = "KEY[=VALUE]", description = "only entries with this tag")
    @Nullable String tag;

    @Mixin
    Paging paging;

    abstract String collection();

    @Override
    int run(StewardClient steward) {
      return print(steward.get("/api/v1/" + collection(), "prefix", prefix, "tag", tag, "page", paging.page,
          "size", paging.size), VERSION_COLUMNS);
    }
  }

  /** Shows one version, or lists every version of a name (newest first) when no version is given. */
  abstract static class Show extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", description = "a version; without it, all versions")
    @Nullable Integer version;

    @Mixin
    Paging paging;

    abstract String collection();

    @Override
    int run(StewardClient steward) {
      String path = "/api/v1/" + collection() + "/" + StewardClient.segment(name) + "/versions";
      return version == null ? print(steward.get(path, "page", paging.page, "size", paging.size), VERSION_COLUMNS)
          : print(steward.get(path + "/" + version));
    }
  }

  /** Registers from a body file and flags; flags win over the file. */
  abstract static class Register extends ApiCommand {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "the request body as JSON or YAML (- reads standard input); options below override its fields")
    @Nullable Path file;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "a tag (repeatable)")
    @Nullable Map<String, String> tags;

    @Option(names = "--description", paramLabel = "TEXT")
    @Nullable String description;

    abstract String collection();

    abstract void fill(ObjectNode body) throws IOException;

    @Override
    int run(StewardClient steward) throws IOException {
      ObjectNode body = body(file);
      fill(body);
      if (tags != null) {
        ObjectNode t = body.putObject("tags");
        tags.forEach(t::put);
      }
      if (description != null) {
        body.put("description", description);
      }
      return print(steward.post("/api/v1/" + collection(), body));
    }

    static void refs(ObjectNode body, String field, @Nullable List<Ref> refs) {
      if (refs != null) {
        ArrayNode array = body.putArray(field);
        refs.forEach(r -> array.add(ref(r)));
      }
    }
  }

  @Command(name = "datasets", description = "Register and read dataset versions.",
      subcommands = {Datasets.RegisterDataset.class, Datasets.ListDatasets.class, Datasets.ShowDataset.class})
  static final class Datasets {
    @Command(name = "register", description = {
        "Registers a dataset version. With --path, computes the sha256 content digest of the local file or directory "
            + "itself (a directory: the sha256 of 'sha256sum' lines of its files, sorted by path) and, without --uri, "
            + "uses the path's file: URI.",
        "Example: steward datasets register churn-events --path data/churn.csv --uri s3://lake/churn/2026-11"})
    static final class RegisterDataset extends Register {
      @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the dataset's name (or name in --file)")
      @Nullable String name;

      @Option(names = "--path", paramLabel = "FILE|DIR", description = "a local file or directory whose digest to compute")
      @Nullable Path path;

      @Option(names = "--uri", description = "where the data lives (s3://, gs://, https://, file:...)")
      @Nullable String uri;

      @Option(names = "--digest", paramLabel = "sha256:HEX", description = "the content digest, when there is no local --path")
      @Nullable String digest;

      @Option(names = "--rows", paramLabel = "N", description = "the number of rows")
      @Nullable Long rows;

      @Option(names = "--column", paramLabel = "NAME:TYPE", split = ",", description = "a column of the schema (repeatable)")
      @Nullable List<String> columns;

      @Option(names = "--parent", paramLabel = "NAME@VERSION", converter = Ref.Converter.class, description = "a dataset version this one derives from (repeatable)")
      @Nullable List<Ref> parents;

      @Override
      String collection() {
        return "datasets";
      }

      @Override
      void fill(ObjectNode body) throws IOException {
        if (name != null) {
          body.put("name", name);
        }
        if (path != null) {
          if (!java.nio.file.Files.exists(path)) {
            throw usage("No such file or directory: " + path);
          }
          if (digest != null) {
            throw usage("Give --path or --digest, not both: the digest of --path is computed.");
          }
          body.put("contentDigest", ContentDigest.of(path));
          if (uri == null && !body.has("uri")) {
            body.put("uri", path.toAbsolutePath().normalize().toUri().toString());
          }
        }
        if (digest != null) {
          body.put("contentDigest", digest);
        }
        if (uri != null) {
          body.put("uri", uri);
        }
        if (rows != null) {
          body.put("rowCount", rows);
        }
        if (columns != null) {
          ArrayNode schema = body.putArray("schema");
          for (String column : columns) {
            int colon = column.indexOf(':');
            if (colon <= 0 || colon == column.length() - 1) {
              throw usage("--column '" + column + "' is not NAME:TYPE (for example tenure:int)");
            }
            schema.addObject().put("name", column.substring(0, colon)).put("type", column.substring(colon + 1));
          }
        }
        refs(body, "parents", parents);
        if (!body.has("name")) {
          throw usage("Missing the dataset's NAME.");
        }
        if (!body.has("contentDigest")) {
          throw usage("Give --path (the digest is computed) or --digest sha256:HEX.");
        }
      }
    }

    @Command(name = "list", description = "Lists the latest version of each dataset.")
    static final class ListDatasets extends ListLatest {
      @Override
      String collection() {
        return "datasets";
      }
    }

    @Command(name = "show", description = "Shows a dataset version, or lists all versions of a dataset.")
    static final class ShowDataset extends Show {
      @Override
      String collection() {
        return "datasets";
      }
    }
  }

  @Command(name = "feature-sets", description = "Register and read feature set versions.",
      subcommands = {FeatureSets.RegisterFeatureSet.class, FeatureSets.ListFeatureSets.class, FeatureSets.ShowFeatureSet.class})
  static final class FeatureSets {
    @Command(name = "register", description = {"Registers a feature set version from a file (features with dtype, businessLabel, pii).",
        "Example: steward feature-sets register -f features.yaml --source churn-events@1"})
    static final class RegisterFeatureSet extends Register {
      @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the feature set's name (or name in --file)")
      @Nullable String name;

      @Option(names = "--source", paramLabel = "NAME@VERSION", converter = Ref.Converter.class, description = "a source dataset version (repeatable)")
      @Nullable List<Ref> sources;

      @Override
      String collection() {
        return "feature-sets";
      }

      @Override
      void fill(ObjectNode body) {
        if (name != null) {
          body.put("name", name);
        }
        refs(body, "sourceDatasets", sources);
      }
    }

    @Command(name = "list", description = "Lists the latest version of each feature set.")
    static final class ListFeatureSets extends ListLatest {
      @Override
      String collection() {
        return "feature-sets";
      }
    }

    @Command(name = "show", description = "Shows a feature set version, or lists all versions of a feature set.")
    static final class ShowFeatureSet extends Show {
      @Override
      String collection() {
        return "feature-sets";
      }
    }
  }

  @Command(name = "threshold-sets", description = "Register and read threshold set versions.",
      subcommands = {ThresholdSets.RegisterThresholdSet.class, ThresholdSets.ListThresholdSets.class,
          ThresholdSets.ShowThresholdSet.class})
  static final class ThresholdSets {
    @Command(name = "register", description = {"Registers a threshold set version.",
        "Example: steward threshold-sets register churn-thresholds --value min_auc=0.8 --value psi_alert=0.25"})
    static final class RegisterThresholdSet extends Register {
      @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the threshold set's name (or name in --file)")
      @Nullable String name;

      @Option(names = "--value", paramLabel = "NAME=NUMBER", description = "a threshold (repeatable): decision_threshold, psi_warn, psi_alert, ece_alert, min_<metric>, max_<metric>, ...")
      @Nullable Map<String, Double> values;

      @Override
      String collection() {
        return "threshold-sets";
      }

      @Override
      void fill(ObjectNode body) {
        if (name != null) {
          body.put("name", name);
        }
        if (values != null) {
          ObjectNode v = body.putObject("values");
          values.forEach(v::put);
        }
      }
    }

    @Command(name = "list", description = "Lists the latest version of each threshold set.")
    static final class ListThresholdSets extends ListLatest {
      @Override
      String collection() {
        return "threshold-sets";
      }
    }

    @Command(name = "show", description = "Shows a threshold set version, or lists all versions of a threshold set.")
    static final class ShowThresholdSet extends Show {
      @Override
      String collection() {
        return "threshold-sets";
      }
    }
  }

  @Command(name = "explanation-templates", description = "Register and read explanation template versions.",
      subcommands = {ExplanationTemplates.RegisterTemplate.class, ExplanationTemplates.ListTemplates.class,
          ExplanationTemplates.ShowTemplate.class})
  static final class ExplanationTemplates {
    @Command(name = "register", description = {"Registers an explanation template version.",
        "Example: steward explanation-templates register churn-reasons --feature-set churn-features@1 "
            + "--reason tenure='Customers who joined recently leave more often' --top-k 2"})
    static final class RegisterTemplate extends Register {
      @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the template's name (or name in --file)")
      @Nullable String name;

      @Option(names = "--feature-set", paramLabel = "NAME@VERSION", converter = Ref.Converter.class, description = "the feature set it explains")
      @Nullable Ref featureSet;

      @Option(names = "--reason", paramLabel = "FEATURE=TEXT", description = "the business reason for a feature (repeatable)")
      @Nullable Map<String, String> reasons;

      @Option(names = "--top-k", paramLabel = "N", description = "how many reasons an explanation shows")
      @Nullable Integer topK;

      @Option(names = "--locale", paramLabel = "LOCALE")
      @Nullable String locale;

      @Override
      String collection() {
        return "explanation-templates";
      }

      @Override
      void fill(ObjectNode body) {
        if (name != null) {
          body.put("name", name);
        }
        if (featureSet != null) {
          body.set("featureSet", ref(featureSet));
        }
        if (reasons != null) {
          ObjectNode r = body.putObject("reasons");
          reasons.forEach(r::put);
        }
        if (topK != null) {
          body.put("topK", topK);
        }
        if (locale != null) {
          body.put("locale", locale);
        }
      }
    }

    @Command(name = "list", description = "Lists the latest version of each explanation template.")
    static final class ListTemplates extends ListLatest {
      @Override
      String collection() {
        return "explanation-templates";
      }
    }

    @Command(name = "show", description = "Shows an explanation template version, or lists all its versions.")
    static final class ShowTemplate extends Show {
      @Override
      String collection() {
        return "explanation-templates";
      }
    }
  }
}
