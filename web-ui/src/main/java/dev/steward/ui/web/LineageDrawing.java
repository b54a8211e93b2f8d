package dev.steward.ui.web;

import dev.steward.registry.LineageGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriUtils;

/**
 * The lineage of one entity version drawn as SVG: upstream columns to the left, the version in the middle,
 * downstream columns to the right, one column per hop; each node links to its page.
 */
record LineageDrawing(int width, int height, List<Box> boxes, List<Line> lines, int hidden) {
  static final int COLUMN = 270;
  static final int ROW = 54;
  static final int BOX_W = 200;
  static final int BOX_H = 40;
  static final int MAX_PER_COLUMN = 12;

  /** A node: its place, its label, where it links (null: no page), and whether it is the one the page is about. */
  record Box(int x, int y, String kind, String label, @Nullable String href, boolean root) {
    public int textX() {
      return x + 8;
    }

    public int kindY() {
      return y + 15;
    }

    public int labelY() {
      return y + 32;
    }
  }

  /**
   * An edge between two boxes as an SVG path: a straight line between columns, an arc out to the right between two
   * boxes of one column; {@code intact} false draws it as broken (the pinned digest no longer matches).
   */
  record Line(String path, String role, boolean intact) {}

  static LineageDrawing of(LineageGraph.@Nullable Answer upstream, LineageGraph.@Nullable Answer downstream) {
    Map<String, Integer> column = new LinkedHashMap<>();
    Map<String, LineageGraph.Node> nodes = new LinkedHashMap<>();
    List<LineageGraph.Edge> edges = new ArrayList<>();
    LineageGraph.Answer any = upstream != null ? upstream : downstream;
    if (any == null) {
      return new LineageDrawing(0, 0, List.of(), List.of(), 0);
    }
    String rootId = id(any.root());
    if (upstream != null) {
      upstream.nodes().forEach(n -> {
        column.put(id(n), -n.depth());
        nodes.put(id(n), n);
      });
      edges.addAll(upstream.edges());
    }
    if (downstream != null) {
      downstream.nodes().forEach(n -> {
        column.putIfAbsent(id(n), n.depth());
        nodes.putIfAbsent(id(n), n);
      });
      edges.addAll(downstream.edges());
    }
    int min = column.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    int max = column.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    Map<Integer, Integer> rows = new LinkedHashMap<>();
    Map<String, Box> boxes = new LinkedHashMap<>();
    int hidden = 0;
    int tallest = 1;
    for (Map.Entry<String, Integer> e : column.entrySet()) {
      int row = rows.merge(e.getValue(), 1, Integer::sum) - 1;
      if (row >= MAX_PER_COLUMN) {
        hidden++;
        continue;
      }
      tallest = Math.max(tallest, row + 1);
      LineageGraph.Node n = nodes.get(e.getKey());
      int x = 10 + (e.getValue() - min) * COLUMN;
      int y = 10 + row * ROW;
      boxes.put(e.getKey(), new Box(x, y, n.kind(), n.name() + " v" + n.version(), href(n), e.getKey().equals(rootId)));
    }
    List<Line> lines = new ArrayList<>();
    for (LineageGraph.Edge edge : edges) {
      Box from = boxes.get(edge.from());
      Box to = boxes.get(edge.to());
      if (from == null || to == null) {
        continue;
      }
      // edges point from the user to what it uses; draw from the left box's right side to the right box's left side
      Box left = from.x() <= to.x() ? from : to;
      Box right = left == from ? to : from;
      String path;
      if (left.x() == right.x()) {
        int x = left.x() + BOX_W;
        int bend = x + 18 + Math.abs(left.y() - right.y()) / ROW * 4;
        path = "M" + x + "," + (left.y() + BOX_H / 2) + " C" + bend + "," + (left.y() + BOX_H / 2) + " " + bend + ","
            + (right.y() + BOX_H / 2) + " " + x + "," + (right.y() + BOX_H / 2);
      } else {
        path = "M" + (left.x() + BOX_W) + "," + (left.y() + BOX_H / 2) + " L" + right.x() + "," + (right.y() + BOX_H / 2);
      }
      lines.add(new Line(path, edge.role(), edge.intact()));
    }
    return new LineageDrawing(80 + (max - min) * COLUMN + BOX_W, 20 + tallest * ROW, List.copyOf(boxes.values()),
        lines, hidden);
  }

  static String id(LineageGraph.Node n) {
    return n.kind() + ":" + n.name() + "/" + n.version();
  }

  static @Nullable String href(LineageGraph.Node n) {
    String name = UriUtils.encodePathSegment(n.name(), java.nio.charset.StandardCharsets.UTF_8);
    return switch (n.kind()) {
      case "model-version" -> "/ui/models/" + name + "/versions/" + n.version();
      default -> "/ui/impact/" + n.kind() + "/" + name + "/versions/" + n.version();
    };
  }
}
