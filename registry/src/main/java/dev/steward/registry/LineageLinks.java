package dev.steward.registry;

import java.util.List;

/**
 * Lineage beyond registered entities, contributed by the module that owns it: a retrain run that produced
 * a model version (and what caused the run), the runs a dataset version started. {@link LineageGraph}
 * asks every bean of this type about the root of each answer.
 */
public interface LineageLinks {

  /** What the version came from outside the registry; empty when nothing. */
  List<LineageGraph.Link> upstream(Kind kind, String name, int version);

  /** What came from the version outside the registry; empty when nothing. */
  List<LineageGraph.Link> downstream(Kind kind, String name, int version);
}
