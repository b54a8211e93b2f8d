package dev.steward.cli;

/** How a command prints what Steward answered: {@code table} for people, {@code json} and {@code yaml} for programs. */
public enum Format {
  table, json, yaml
}
