package dev.steward.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code steward server}: the only command that starts the server. */
@Command(name = "server", mixinStandardHelpOptions = true, description = {
    "Starts the Steward server: registry, lineage, policies, deployer and drift monitor behind the REST API.",
    "Embedded defaults: H2 and the registry Git repository under ./data ($STEWARD_DATA_DIR), port 8080 ($SERVER_PORT). "
        + "Any Spring property can be given as --name=value, for example --server.port=9090."},
    footer = "Environment: STEWARD_DATA_DIR, SERVER_PORT, STEWARD_BOOTSTRAP_TOKEN, SPRING_DATASOURCE_URL (see README).")
final class ServerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Unmatched
  List<String> properties = new ArrayList<>();

  @Override
  public Integer call() {
    for (String property : properties) {
      if (!property.startsWith("--") || !property.contains("=") || property.startsWith("--=")) {
        throw new ParameterException(spec.commandLine(), "'" + property + "' is not a Spring property: give "
            + "--name=value, for example --server.port=9090.");
      }
    }
    ((StewardCommand) spec.root().userObject()).launcher().start(properties.toArray(String[]::new));
    return ExitCode.OK.code();
  }
}
