/**
 * The {@code steward} command line: every command but {@code server} is a client of the REST API (picocli for
 * parsing, help and completion; Java's HttpClient and Jackson for the calls), so it starts in well under a
 * second and needs no Spring. Knows no other module; the server adds the commands that run locally.
 */
@NullMarked
package dev.steward.cli;

import org.jspecify.annotations.NullMarked;
