package dev.steward.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * The {@code steward} command: {@code server} starts the server, every other command calls its REST API.
 *
 * <pre>
 * int exit = StewardCommand.execute(args, Context.system(), properties -&gt; startServer(properties), compare);
 * </pre>
 *
 * Unknown commands, options and values are usage errors (exit 2) found before anything is sent; a refusal
 * prints the problem detail in one line; {@link ExitCode} lists the exit statuses.
 */
@Command(name = "steward", mixinStandardHelpOptions = true, versionProvider = StewardCommand.Version.class,
    description = {"Steward: model registry with Git-backed lineage, promotions through approval gates, deployments, "
        + "drift. Every command but 'server' is a client of a running Steward's REST API.",
        "Where: --url, else $STEWARD_URL, else 'steward login', else http://localhost:8080. "
            + "Who: $STEWARD_TOKEN, else 'steward login'."},
    subcommands = {HelpCommand.class, ServerCommand.class, AccessCommands.Login.class,
        RegistryCommands.Datasets.class, RegistryCommands.FeatureSets.class, RegistryCommands.ThresholdSets.class,
        RegistryCommands.ExplanationTemplates.class, ModelCommands.Models.class, ModelCommands.Versions.class,
        ModelCommands.Aliases.class, LineageCommands.Lineage.class, LineageCommands.History.class,
        LineageCommands.Verify.class, PromotionCommands.Promote.class, PromotionCommands.Promotions.class,
        PromotionCommands.Approve.class, PromotionCommands.Reject.class, DeploymentCommands.Deployments.class,
        DeploymentCommands.Rollback.class, StewardCommand.Drift.class, MlflowCommands.Mlflow.class,
        AccessCommands.Tokens.class})
public final class StewardCommand {
  private final Context context;
  private final ServerLauncher launcher;

  StewardCommand(Context context, ServerLauncher launcher) {
    this.context = context;
    this.launcher = launcher;
  }

  Context context() {
    return context;
  }

  ServerLauncher launcher() {
    return launcher;
  }

  @Command(name = "drift", description = "Drift between samples.")
  static final class Drift {}

  /**
   * The command line, with {@code localDriftCommands} (picocli commands that run without a server, such as
   * {@code compare}) under {@code drift}.
   */
  public static CommandLine commandLine(Context context, ServerLauncher launcher, Object... localDriftCommands) {
    CommandLine cli = new CommandLine(new StewardCommand(context, launcher));
    CommandLine drift = cli.getSubcommands().get("drift");
    for (Object command : localDriftCommands) {
      drift.addSubcommand(command);
    }
    cli.addSubcommand("completion", new AutoComplete.GenerateCompletion());
    cli.getSubcommands().get("completion").getCommandSpec().usageMessage().hidden(false)
        .description("Prints a bash/zsh completion script: source <(steward completion)");
    Map<String, String> codes = new LinkedHashMap<>();
    for (ExitCode code : ExitCode.values()) {
      codes.put(String.valueOf(code.code()), code.meaning());
    }
    applyRecursively(cli, c -> {
      CommandLine.Model.CommandSpec spec = c.getCommandSpec();
      if (!spec.mixinStandardHelpOptions() && !(spec.userObject() instanceof HelpCommand)) {
        spec.mixinStandardHelpOptions(true);
      }
      spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    });
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // an argument starting with @ is text (a description, a Spring property), never a file to read arguments from
    cli.setExpandAtFiles(false);
    cli.setParameterExceptionHandler((e, args) -> {
      CommandLine command = e.getCommandLine();
      PrintWriter err = command.getErr();
      err.println("steward: " + e.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
      err.print(command.getHelp().fullSynopsis());
      err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
      err.flush();
      return ExitCode.USAGE.code();
    });
    cli.setExecutionExceptionHandler((e, command, parseResult) -> {
      PrintWriter err = command.getErr();
      int code = switch (e) {
        case Refused r -> {
          err.println("steward: " + r.getMessage());
          yield r.exitCode().code();
        }
        case Unreachable u -> {
          err.println("steward: " + u.getMessage());
          yield ExitCode.SERVER.code();
        }
        default -> {
          err.println("steward: " + e.getClass().getSimpleName() + ": " + e.getMessage());
          yield ExitCode.INTERNAL.code();
        }
      };
      err.flush();
      return code;
    });
    return cli;
  }

  /** Parses and runs {@code args}; answers the exit status. */
  public static int execute(String[] args, Context context, ServerLauncher launcher, Object... localDriftCommands) {
    return commandLine(context, launcher, localDriftCommands).execute(args);
  }

  private static void applyRecursively(CommandLine cli, java.util.function.Consumer<CommandLine> action) {
    action.accept(cli);
    cli.getSubcommands().values().forEach(sub -> applyRecursively(sub, action));
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = StewardCommand.class.getPackage().getImplementationVersion();
      return new String[] {"steward " + (version == null ? "(development build)" : version)};
    }
  }
}
