package dev.steward.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** Models, their versions and aliases. */
final class ModelCommands {
  private ModelCommands() {}

  @Command(name = "models", description = "Create and read models (a model holds versions).",
      subcommands = {Models.Create.class, Models.ListModels.class, Models.ShowModel.class})
  static final class Models {
    @Command(name = "create", description = {"Creates a model, before its first version is registered.",
        "Example: steward models create churn --description 'Churn classifier'"})
    static final class Create extends RegistryCommands.Register {
      @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the model's name (or name in --file)")
      @Nullable String name;

      @Override
      String collection() {
        return "models";
      }

      @Override
      void fill(ObjectNode body) {
        if (name != null) {
          body.put("name", name);
        }
      }
    }

    @Command(name = "list", description = "Lists models.")
    static final class ListModels extends RegistryCommands.ListLatest {
      @Override
      String collection() {
        return "models";
      }

      @Override
      int run(StewardClient steward) {
        return print(steward.get("/api/v1/models", "prefix", prefix, "tag", tag, "page", paging.page, "size",
            paging.size), "name", "description", "registeredBy", "registeredAt");
      }
    }

    @Command(name = "show", description = "Shows a model.")
    static final class ShowModel extends ApiCommand {
      @Parameters(index = "0", paramLabel = "NAME")
      String name;

      @Override
      int run(StewardClient steward) {
        return print(steward.get("/api/v1/models/" + StewardClient.segment(name)));
      }
    }
  }

  @Command(name = "versions", description = "Register and read model versions.",
      subcommands = {Versions.RegisterVersion.class, Versions.ListVersions.class, Versions.ShowVersion.class})
  static final class Versions {
    static final String[] COLUMNS = {"name", "version", "format.name", "artifactUri", "registeredBy", "registeredAt"};

    @Command(name = "register", description = {"Registers a version of a model; references are pinned to their digests.",
        "Example: steward versions register churn --artifact-uri s3://models/churn/run-42/model --format sklearn:1 "
            + "--metric auc=0.91 --dataset churn-events@1 --feature-set churn-features@1"})
    static final class RegisterVersion extends ApiCommand {
      @Parameters(index = "0", paramLabel = "MODEL")
      String model;

      @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "the request body as JSON or YAML (- reads standard input); options below override its fields")
      @Nullable Path file;

      @Option(names = "--artifact-uri", paramLabel = "URI", description = "where the model artifact lives (s3://, gs://, pvc://, https://, hf://)")
      @Nullable String artifactUri;

      @Option(names = "--format", paramLabel = "NAME[:VERSION]", description = "the KServe model format, for example sklearn:1")
      @Nullable String format;

      @Option(names = "--runtime", paramLabel = "NAME")
      @Nullable String runtime;

      @Option(names = "--metric", paramLabel = "NAME=NUMBER", description = "a metric (repeatable)")
      @Nullable Map<String, Double> metrics;

      @Option(names = "--param", paramLabel = "NAME=VALUE", description = "a training parameter (repeatable)")
      @Nullable Map<String, String> params;

      @Option(names = "--dataset", paramLabel = "NAME@VERSION", converter = Ref.Converter.class, description = "a training dataset version (repeatable)")
      @Nullable List<Ref> datasets;

      @Option(names = "--feature-set", paramLabel = "NAME@VERSION", converter = Ref.Converter.class)
      @Nullable Ref featureSet;

      @Option(names = "--threshold-set", paramLabel = "NAME@VERSION", converter = Ref.Converter.class)
      @Nullable Ref thresholdSet;

      @Option(names = "--explanation-template", paramLabel = "NAME@VERSION", converter = Ref.Converter.class)
      @Nullable Ref explanationTemplate;

      @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "a tag (repeatable)")
      @Nullable Map<String, String> tags;

      @Option(names = "--description", paramLabel = "TEXT")
      @Nullable String description;

      @Override
      int run(StewardClient steward) {
        ObjectNode body = body(file);
        if (artifactUri != null) {
          body.put("artifactUri", artifactUri);
        }
        if (format != null) {
          int colon = format.indexOf(':');
          ObjectNode f = body.putObject("format");
          f.put("name", colon < 0 ? format : format.substring(0, colon));
          if (colon >= 0) {
            f.put("version", format.substring(colon + 1));
          }
        }
        if (runtime != null) {
          body.put("runtime", runtime);
        }
        if (metrics != null) {
          ObjectNode m = body.putObject("metrics");
          metrics.forEach(m::put);
        }
        if (params != null) {
          ObjectNode p = body.putObject("params");
          params.forEach(p::put);
        }
        RegistryCommands.Register.refs(body, "datasets", datasets);
        if (featureSet != null) {
          body.set("featureSet", ref(featureSet));
        }
        if (thresholdSet != null) {
          body.set("thresholdSet", ref(thresholdSet));
        }
        if (explanationTemplate != null) {
          body.set("explanationTemplate", ref(explanationTemplate));
        }
        if (tags != null) {
          ObjectNode t = body.putObject("tags");
          tags.forEach(t::put);
        }
        if (description != null) {
          body.put("description", description);
        }
        return print(steward.post("/api/v1/models/" + StewardClient.segment(model) + "/versions", body));
      }
    }

    @Command(name = "list", description = "Lists the versions of a model, newest first.")
    static final class ListVersions extends ApiCommand {
      @Parameters(index = "0", paramLabel = "MODEL")
      String model;

      @Option(names = "--tag", paramLabel = "KEY[=VALUE]", description = "only versions with this tag")
      @Nullable String tag;

      @Mixin
      Paging paging;

      @Override
      int run(StewardClient steward) {
        return print(steward.get("/api/v1/models/" + StewardClient.segment(model) + "/versions", "tag", tag,
            "page", paging.page, "size", paging.size), COLUMNS);
      }
    }

    @Command(name = "show", description = "Shows a model version.")
    static final class ShowVersion extends ApiCommand {
      @Parameters(index = "0", paramLabel = "MODEL")
      String model;

      @Parameters(index = "1", paramLabel = "VERSION")
      int version;

      @Override
      int run(StewardClient steward) {
        return print(steward.get("/api/v1/models/" + StewardClient.segment(model) + "/versions/" + version));
      }
    }
  }

  @Command(name = "aliases", description = "Move, remove and list a model's aliases (champion, challenger, ...).",
      subcommands = {Aliases.Set.class, Aliases.Remove.class, Aliases.ListAliases.class})
  static final class Aliases {
    @Command(name = "set", description = {"Points an alias at a version.", "Example: steward aliases set churn champion 1"})
    static final class Set extends ApiCommand {
      @Parameters(index = "0", paramLabel = "MODEL")
      String model;

      @Parameters(index = "1", paramLabel = "ALIAS")
      String alias;

      @Parameters(index = "2", paramLabel = "VERSION")
      int version;

      @Override
      int run(StewardClient steward) {
        return print(steward.put("/api/v1/models/" + StewardClient.segment(model) + "/aliases/"
            + StewardClient.segment(alias), StewardClient.map("version", version)));
      }
    }

    @Command(name = "rm", aliases = "remove", description = "Removes an alias.")
    static final class Remove extends ApiCommand {
      @Parameters(index = "0", paramLabel = "MODEL")
      String model;

      @Parameters(index = "1", paramLabel = "ALIAS")
      String alias;

      @Override
      int run(StewardClient steward) {
        steward.delete("/api/v1/models/" + StewardClient.segment(model) + "/aliases/" + StewardClient.segment(alias));
        if (connection.output == Format.table) {
          out().println("Removed alias " + alias + " of " + model + ".");
          out().flush();
          return ExitCode.OK.code();
        }
        return print(StewardClient.JSON.valueToTree(StewardClient.map("model", model, "alias", alias, "removed", true)));
      }
    }

    @Command(name = "list", description = "Lists the aliases of a model.")
    static final class ListAliases extends ApiCommand {
      @Parameters(index = "0", paramLabel = "MODEL")
      String model;

      @Override
      int run(StewardClient steward) {
        return print(steward.get("/api/v1/models/" + StewardClient.segment(model) + "/aliases"),
            "alias", "version", "movedBy", "movedAt");
      }
    }
  }
}
