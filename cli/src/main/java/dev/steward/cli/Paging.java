package dev.steward.cli;

import picocli.CommandLine.Option;

/** The page options of a listing. */
final class Paging {
  @Option(names = "--page", defaultValue = "0", description = "page number, from 0 (default: ${DEFAULT-VALUE})")
  int page;

  @Option(names = "--size", defaultValue = "50", description = "items per page, up to 500 (default: ${DEFAULT-VALUE})")
  int size;
}
