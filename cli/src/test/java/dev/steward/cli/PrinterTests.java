package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PrinterTests {

  private static String print(Format format, String json, String... columns) {
    StringWriter out = new StringWriter();
    Printer.print(new PrintWriter(out), format, StewardClient.JSON.readTree(json), columns);
    return out.toString();
  }

  @Test
  void printsAPageAsAlignedColumnsAndSaysWhatIsLeft() {
    String page = """
        {"items": [{"name": "churn", "version": 12, "format": {"name": "sklearn"}},
                   {"name": "fraud-detector", "version": 3, "format": {"name": "xgboost"}}],
         "page": 0, "size": 2, "total": 5}""";
    assertThat(print(Format.table, page, "name", "version", "format.name")).isEqualTo("""
        NAME            VERSION  FORMAT.NAME
        churn           12       sklearn
        fraud-detector  3        xgboost
        (1-2 of 5; --page and --size show more)
        """);
  }

  @Test
  void printsAnObjectAsFieldsWithReferencesAsNameAtVersion() {
    String table = print(Format.table, """
        {"id": "p-1", "policy": {"name": "dev-gate", "version": 1, "digest": "sha256:ab"}, "reason": null,
         "decisions": []}""");
    assertThat(table).isEqualTo("""
        FIELD      VALUE
        id         p-1
        policy     dev-gate@1
        reason     -
        decisions  []
        """);
  }

  @Test
  void printsJsonAndYamlThatReadBackToTheSameAnswer() {
    String json = "{\"name\":\"churn\",\"metrics\":{\"auc\":0.91},\"tags\":[\"a\"]}";
    JsonNode answer = StewardClient.JSON.readTree(json);
    assertThat(StewardClient.JSON.readTree(print(Format.json, json))).isEqualTo(answer);
    assertThat(tools.jackson.dataformat.yaml.YAMLMapper.builder().build().readTree(print(Format.yaml, json)))
        .isEqualTo(answer);
  }

  @Test
  void saysNoneForAnEmptyList() {
    assertThat(print(Format.table, "{\"items\": [], \"page\": 0, \"size\": 50, \"total\": 0}", "name")).isEqualTo("(none)\n");
  }

  @Test
  void putsAProblemDetailOnOneLineWithEveryFieldAtFault() {
    JsonNode problem = StewardClient.JSON.readTree("""
        {"title": "Invalid request", "status": 400, "detail": "name: must match\\n[a-z]",
         "errors": [{"field": "name", "detail": "must match\\n[a-z]"}, {"field": "uri", "detail": "is required"}]}""");
    assertThat(StewardClient.oneLine(400, problem, "")).isEqualTo("400 Invalid request: name: must match [a-z] (uri is required)");
  }
}
