package dev.steward.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.registry.LineageGraph;
import dev.steward.registry.LineageGraph.Direction;
import dev.steward.registry.LineageGraph.Edge;
import dev.steward.registry.LineageGraph.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineageDrawingTests {
  static final Node ROOT = new Node("model-version", "churn", 3, "sha256:r", 0);

  @Test
  void drawsUpstreamLeftOfTheVersionAndDownstreamRightOfIt() {
    Node dataset = new Node("dataset", "churn-events", 1, "sha256:d", 1);
    Node features = new Node("feature-set", "churn-features", 1, "sha256:f", 1);
    Node run = new Node("model-version", "churn-next", 1, "sha256:n", 1);
    var up = new LineageGraph.Answer(ROOT, Direction.UPSTREAM, List.of(ROOT, dataset, features),
        List.of(new Edge("model-version:churn/3", "dataset:churn-events/1", "dataset", "sha256:d", true),
            new Edge("model-version:churn/3", "feature-set:churn-features/1", "feature-set", "sha256:old", false)),
        null, List.of());
    var down = new LineageGraph.Answer(ROOT, Direction.DOWNSTREAM, List.of(ROOT, run), List.of(), null, List.of());

    LineageDrawing d = LineageDrawing.of(up, down);

    LineageDrawing.Box root = box(d, "churn v3");
    assertThat(root.root()).isTrue();
    assertThat(box(d, "churn-events v1").x()).isLessThan(root.x());
    assertThat(box(d, "churn-next v1").x()).isGreaterThan(root.x());
    assertThat(box(d, "churn-events v1").href()).isEqualTo("/ui/impact/dataset/churn-events/versions/1");
    assertThat(box(d, "churn-next v1").href()).isEqualTo("/ui/models/churn-next/versions/1");
    assertThat(d.lines()).extracting(LineageDrawing.Line::intact).containsExactly(true, false);
    assertThat(d.width()).isGreaterThanOrEqualTo(box(d, "churn-next v1").x() + LineageDrawing.BOX_W);
  }

  @Test
  void drawsAnArcBetweenTwoBoxesOfOneColumnAndCountsWhatItLeavesOut() {
    Node dataset = new Node("dataset", "events", 1, "sha256:d", 0);
    List<Node> nodes = new java.util.ArrayList<>(List.of(dataset));
    for (int i = 1; i <= LineageDrawing.MAX_PER_COLUMN + 3; i++) {
      nodes.add(new Node("model-version", "m", i, "sha256:" + i, 1));
    }
    var down = new LineageGraph.Answer(dataset, Direction.DOWNSTREAM, nodes,
        List.of(new Edge("model-version:m/2", "model-version:m/1", "parent", "sha256:1", true)), null, List.of());

    LineageDrawing d = LineageDrawing.of(null, down);

    assertThat(d.hidden()).isEqualTo(3);
    assertThat(d.boxes()).hasSize(1 + LineageDrawing.MAX_PER_COLUMN);
    assertThat(d.lines()).singleElement().satisfies(l -> assertThat(l.path()).contains(" C"));
  }

  static LineageDrawing.Box box(LineageDrawing d, String label) {
    return d.boxes().stream().filter(b -> b.label().equals(label)).findFirst().orElseThrow();
  }
}
