package dev.steward.cli;

/**
 * The exit statuses of every {@code steward} command, so that scripts and CI jobs can tell the outcomes
 * apart. {@code steward --help} lists them.
 */
public enum ExitCode {
  OK(0, "success"),
  FOUND(1, "the command ran and found what it gates on: drift with --fail-on-drift, a failed verify"),
  USAGE(2, "usage: unknown command, option or value, a missing argument, an unreadable local file"),
  NOT_FOUND(3, "not found: what the command names does not exist (HTTP 404)"),
  REFUSED(4, "refused: bad request, no or a wrong token, a missing role, a conflict (HTTP 400, 401, 403, 409, 413, 415, 422)"),
  SERVER(5, "server error or unreachable: Steward answered 5xx, or could not be reached"),
  INTERNAL(70, "the command itself failed unexpectedly; the message says how");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }

  /** The exit status for an HTTP status Steward answered with. */
  static ExitCode ofHttpStatus(int status) {
    if (status == 404) {
      return NOT_FOUND;
    }
    return status >= 500 ? SERVER : REFUSED;
  }
}
