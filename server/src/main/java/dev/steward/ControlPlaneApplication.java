package dev.steward;

import dev.steward.cli.Context;
import dev.steward.cli.StewardCommand;
import dev.steward.drift.cli.CompareCommand;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Steward control plane: registry, lineage, policies, deployer, drift monitor and the web API in one
 * process, and the {@code steward} command line ({@link StewardCommand}). Only {@code server} starts Spring;
 * every other command is a client of the REST API, or (such as {@code drift compare}) runs on its own:
 *
 * <pre>
 * java -jar steward.jar server --server.port=9090                  # the server
 * java -jar steward.jar --help                                     # every command
 * java -jar steward.jar drift compare ref.csv cur.csv --fail-on-drift
 * java -jar steward.jar promote churn 1 --to staging --reason "soaked in dev"
 * </pre>
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ControlPlaneApplication {

  public static void main(String[] args) {
    AtomicBoolean serving = new AtomicBoolean();
    int exit = StewardCommand.execute(args, Context.system(), properties -> {
      serving.set(true);
      SpringApplication.run(ControlPlaneApplication.class, properties);
    }, new CompareCommand());
    // the server's threads keep the JVM running; every other command ends here with its status
    if (!serving.get() || exit != 0) {
      System.exit(exit);
    }
  }
}
