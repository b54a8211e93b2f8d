package dev.steward.drift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CompareCommandTests {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new CommandLine(new CompareCommand())
        .setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true))
        .setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true))
        .execute(args);
  }

  private Path csv(String name, int rows, double shift) throws IOException {
    StringBuilder text = new StringBuilder("amount,channel,score,label\n");
    for (int i = 0; i < rows; i++) {
      double score = (i % 97) / 97.0;
      text.append(i % 10 + shift).append(',').append(i % 3 == 0 ? "web" : "app").append(',').append(score)
          .append(',').append(i % 2).append('\n');
    }
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void printsTheComparisonAsJson() throws IOException {
    int status = run(csv("ref.csv", 500, 0).toString(), csv("cur.csv", 400, 3).toString(), "--mode", "evidently",
        "-o", "json");
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(json.path("mode").asString()).isEqualTo("evidently");
    assertThat(json.path("columns").get(0).path("column").asString()).isEqualTo("amount");
    assertThat(json.path("columns").get(0).path("driftDetected").asBoolean()).isTrue();
    assertThat(json.path("columns").get(0).path("tests").has("psi")).isTrue();
    assertThat(json.path("dataset").path("columns").asInt()).isEqualTo(3);
    assertThat(json.path("calibration").path("current").path("n").asInt()).isEqualTo(400);
  }

  @Test
  void acceptsTheReferenceBinsMode() throws IOException {
    int status = run(csv("ref.csv", 500, 0).toString(), csv("cur.csv", 400, 0).toString(), "--mode",
        "reference-bins", "--bins", "5", "--output", "json");
    assertThat(status).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(json.path("mode").asString()).isEqualTo("reference-bins");
    assertThat(json.path("columns").get(0).has("psi")).isTrue();
  }

  @Test
  void answersAWrongCommandLineWithUsage() {
    assertThat(run("only-one.csv")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: compare").contains("CURRENT");
    assertThat(run("a.csv", "b.csv", "--mode", "fast")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown comparison mode 'fast'");
    assertThat(run("a.csv", "b.csv", "--fail-on-drfit")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--fail-on-drfit'");
    assertThat(run("a.csv", "b.csv", "-o", "xml")).isEqualTo(2);
  }

  @Test
  void reportsAMissingFileAsAUsageError() {
    assertThat(run(dir.resolve("nope.csv").toString(), dir.resolve("nope2.csv").toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("No such file");
  }

  @Test
  void failsOnDriftOnlyWhenAsked() throws IOException {
    String ref = csv("ref.csv", 500, 0).toString();
    String shifted = csv("cur.csv", 400, 3).toString();
    // one of three columns drifts: the dataset drifts once the share reaches --drift-share
    assertThat(run(ref, shifted, "--drift-share", "0.3")).isZero();
    assertThat(run(ref, shifted, "--drift-share", "0.3", "--fail-on-drift")).isEqualTo(CompareCommand.DRIFT_FOUND);
    assertThat(run(ref, shifted, "--fail-on-drift")).as("1 of 3 is below the default share 0.5").isZero();
    assertThat(run(ref, csv("same.csv", 500, 0).toString(), "--drift-share", "0.3", "--fail-on-drift")).isZero();
  }

  @Test
  void printsAReadableTableByDefault() throws IOException {
    int status = run(csv("ref.csv", 500, 0).toString(), csv("cur.csv", 400, 3).toString(), "--drift-share", "0.3");
    assertThat(status).isZero();
    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(table).startsWith("Dataset drift: DETECTED (1 of 3 columns drifted; drifts at 30.0%), mode evidently");
    assertThat(table).containsPattern("(?m)^COLUMN\\s+TYPE\\s+DRIFT\\s+TEST\\s+SCORE\\s+THRESHOLD");
    assertThat(table).containsPattern("(?m)^amount\\s+num\\s+yes\\s+");
    assertThat(table).containsPattern("(?m)^channel\\s+cat\\s+no\\s+");
    assertThat(table).contains("Calibration: ECE");
  }

  @Test
  void printsYaml() throws IOException {
    assertThat(run(csv("ref.csv", 500, 0).toString(), csv("cur.csv", 400, 3).toString(), "-o", "yaml")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("mode: \"evidently\"").contains("driftedColumns: 1");
  }
}
