package dev.steward.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Prints an answer as a table, JSON or YAML. A table of a list shows the given columns (paths such as
 * {@code format.name}); a table of one object shows its fields as {@code FIELD VALUE} rows, nested values
 * as compact JSON. A page ({@code items}, {@code page}, {@code size}, {@code total}) ends with a line
 * saying which part of how many it showed.
 *
 * <pre>
 * Printer.table(out, page, "name", "version", "digest");
 * </pre>
 */
public final class Printer {
  private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).build();

  private Printer() {}

  /** Prints {@code node} in {@code format}; {@code columns} choose the columns of a list's table. */
  public static void print(PrintWriter out, Format format, JsonNode node, String... columns) {
    switch (format) {
      case json -> out.println(StewardClient.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node));
      case yaml -> out.print(YAML.writeValueAsString(node));
      case table -> table(out, node, columns);
    }
    out.flush();
  }

  static void table(PrintWriter out, JsonNode node, String... columns) {
    if (node.isObject() && node.path("items").isArray() && node.has("total")) {
      JsonNode items = node.path("items");
      rows(out, items, columns);
      long total = node.path("total").asLong();
      if (total > items.size()) {
        int from = node.path("page").asInt() * node.path("size").asInt();
        out.printf("(%d-%d of %d; --page and --size show more)%n", from + 1, from + items.size(), total);
      }
    } else if (node.isArray()) {
      rows(out, node, columns);
    } else if (node.isObject()) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("FIELD", "VALUE"));
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        rows.add(List.of(field.getKey(), cell(field.getValue())));
      }
      align(out, rows);
    } else if (!node.isNull() && !node.isMissingNode()) {
      out.println(cell(node));
    }
  }

  private static void rows(PrintWriter out, JsonNode items, String... columns) {
    if (items.isEmpty()) {
      out.println("(none)");
      return;
    }
    List<String> names = columns.length > 0 ? List.of(columns) : fieldNames(items.get(0));
    List<List<String>> rows = new ArrayList<>();
    rows.add(names.stream().map(Printer::header).toList());
    for (JsonNode item : items) {
      rows.add(names.stream().map(c -> cell(at(item, c))).toList());
    }
    align(out, rows);
  }

  private static List<String> fieldNames(JsonNode item) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = item.propertyNames().iterator(); it.hasNext();) {
      String name = it.next();
      if (!item.get(name).isContainer()) {
        names.add(name);
      }
    }
    return names;
  }

  static JsonNode at(JsonNode node, String path) {
    JsonNode current = node;
    for (String part : path.split("\\.")) {
      current = current.path(part);
    }
    return current;
  }

  /** {@code format.name} becomes {@code FORMAT.NAME}; {@code registeredAt} becomes {@code REGISTERED_AT}. */
  private static String header(String column) {
    return column.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
  }

  static String cell(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return "-";
    }
    if (value.isValueNode()) {
      return value.asString();
    }
    if (value.isObject() && value.has("name") && value.has("version") && value.size() <= 3) {
      return value.path("name").asString() + "@" + value.path("version").asString();
    }
    return value.toString();
  }

  private static void align(PrintWriter out, List<List<String>> rows) {
    int columns = rows.getFirst().size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(i < columns - 1 ? String.format("%-" + widths[i] + "s  ", row.get(i)) : row.get(i));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
