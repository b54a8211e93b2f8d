package dev.steward.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A command that calls Steward's REST API: resolves the URL and token ({@code --url}, then
 * {@code STEWARD_URL}/{@code STEWARD_TOKEN}, then what {@code steward login} stored, then
 * {@code http://localhost:8080}), calls, and prints the answer in the chosen {@code --output}.
 */
abstract class ApiCommand implements Callable<Integer> {
  static final String DEFAULT_URL = "http://localhost:8080";
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  @Spec
  CommandSpec spec;

  @Mixin
  Connection connection;

  /** Options every API command takes. */
  static final class Connection {
    @Option(names = "--url", paramLabel = "URL",
        description = "Steward's URL (default: $STEWARD_URL, else what steward login stored, else " + DEFAULT_URL + ")")
    @Nullable String url;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
        description = "table, json or yaml (default: ${DEFAULT-VALUE})")
    Format output = Format.table;
  }

  @Override
  public Integer call() throws Exception {
    return run(client());
  }

  abstract int run(StewardClient steward) throws Exception;

  Context context() {
    return ((StewardCommand) spec.root().userObject()).context();
  }

  StewardClient client() {
    Context context = context();
    UserConfig config = UserConfig.read(context.configFile());
    String url;
    String setting;
    if (connection.url != null) {
      url = connection.url;
      setting = "--url";
    } else if (context.env("STEWARD_URL") != null) {
      url = context.env("STEWARD_URL");
      setting = "STEWARD_URL";
    } else if (config.url() != null) {
      url = config.url();
      setting = "steward login --url (stored in " + context.configFile() + ")";
    } else {
      url = DEFAULT_URL;
      setting = "STEWARD_URL or steward login --url";
    }
    String token = context.env("STEWARD_TOKEN") != null ? context.env("STEWARD_TOKEN") : config.token();
    return new StewardClient(url, token, setting);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  int print(JsonNode answer, String... columns) {
    Printer.print(out(), connection.output, answer, columns);
    return ExitCode.OK.code();
  }

  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** The body given with {@code --file} (JSON or YAML, {@code -} for standard input), or an empty object. */
  ObjectNode body(@Nullable Path file) {
    if (file == null) {
      return StewardClient.JSON.createObjectNode();
    }
    try {
      String text = file.toString().equals("-") ? new String(context().stdin().readAllBytes())
          : Files.readString(file);
      JsonNode node = YAML.readTree(text);
      if (!(node instanceof ObjectNode object)) {
        throw usage(file + " holds no object: give the request body as a JSON or YAML object.");
      }
      return object;
    } catch (NoSuchFileException e) {
      throw usage("No such file: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JacksonException e) {
      throw usage("Cannot read " + file + " as JSON or YAML: " + e.getOriginalMessage());
    }
  }

  static ObjectNode ref(Ref ref) {
    return StewardClient.JSON.createObjectNode().put("name", ref.name()).put("version", ref.version());
  }
}
